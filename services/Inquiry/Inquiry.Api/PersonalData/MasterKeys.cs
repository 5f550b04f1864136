namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>A data key wrapped with one master key, and that key's id.</summary>
public readonly record struct WrappedKey(string MasterKeyId, byte[] Bytes);

/// <summary>
/// The master keys the service knows: the current one, which wraps every new data key, and the
/// accepted ones, which only unwrap: the next key, announced before it becomes current, and the
/// previous ones until the re-wrap has moved what they wrapped to the current key
/// (<see cref="Keys.Rotating.MasterKeyRewrap"/>). Each wrapped key carries the id of the key that
/// wrapped it, so several can be in use at once and a rotation needs no downtime.
/// </summary>
public sealed class MasterKeys
{
    /// <summary>The id of the key configured before key ids existed; rows from then carry it (migration 0002).</summary>
    public const string InitialId = "initial";

    private readonly Dictionary<string, DataKey> keys;

    public MasterKeys(string currentId, DataKey current, IReadOnlyDictionary<string, DataKey> accepted)
    {
        if (!KeyIds.IsValid(currentId))
        {
            throw new ArgumentException(KeyIds.Rule, nameof(currentId));
        }

        keys = new Dictionary<string, DataKey>(accepted, StringComparer.Ordinal);
        if (!keys.TryAdd(currentId, current))
        {
            throw new ArgumentException($"The master key id '{currentId}' is both current and accepted.", nameof(currentId));
        }

        CurrentId = currentId;
    }

    public string CurrentId { get; }

    /// <summary>Every configured id, current first.</summary>
    public IReadOnlyList<string> Ids => [CurrentId, .. keys.Keys.Where(id => id != CurrentId).Order(StringComparer.Ordinal)];

    public bool Knows(string id) => keys.ContainsKey(id);

    public WrappedKey Wrap(Guid owner, DataKey key) => new(CurrentId, keys[CurrentId].Wrap(owner, key));

    /// <summary>Unwraps with the key that wrapped it; a key id no longer configured is a configuration error, said by id.</summary>
    public DataKey Unwrap(Guid owner, WrappedKey wrapped) =>
        keys.TryGetValue(wrapped.MasterKeyId, out var key)
            ? key.Unwrap(owner, wrapped.Bytes)
            : throw new InvalidOperationException($"Master key '{wrapped.MasterKeyId}' is not configured (PersonalData:AcceptedMasterKeys:{wrapped.MasterKeyId}).");
}

/// <summary>Ids of configured keys: they appear in configuration paths, tokens and the database.</summary>
public static class KeyIds
{
    public const string Rule = "A key id has 1 to 32 characters of a-z, 0-9, '-' and '_'.";

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 32 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
