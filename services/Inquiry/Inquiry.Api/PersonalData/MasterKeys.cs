namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>A data key wrapped with one master key, and that key's id.</summary>
public readonly record struct WrappedKey(string MasterKeyId, byte[] Bytes);

/// <summary>
/// The master keys the service knows (<see cref="KeyRing{TKey}"/>): the current one wraps every new
/// data key, the accepted ones only unwrap, until the re-wrap has moved what they wrapped to the
/// current key (<see cref="Keys.Rotating.MasterKeyRewrap"/>). Each wrapped key carries the id of the
/// key that wrapped it, so several can be in use at once and a rotation needs no downtime.
/// </summary>
public sealed class MasterKeys(KeyRing<DataKey> ring)
{
    /// <summary>The id of the key configured before key ids existed; rows from then carry it (migration 0003).</summary>
    public const string InitialId = KeyIds.Initial;

    public MasterKeys(string currentId, DataKey current, IReadOnlyDictionary<string, DataKey> accepted)
        : this(new KeyRing<DataKey>(currentId, current, accepted))
    {
    }

    public string CurrentId => ring.CurrentId;

    /// <summary>Every configured id, current first.</summary>
    public IReadOnlyList<string> Ids => ring.Ids;

    public bool Knows(string id) => ring.Knows(id);

    public WrappedKey Wrap(Guid owner, DataKey key) => new(CurrentId, ring.Current.Wrap(owner, key));

    /// <summary>Unwraps with the key that wrapped it; a key id no longer configured is a configuration error, said by id.</summary>
    public DataKey Unwrap(Guid owner, WrappedKey wrapped) =>
        ring.Find(wrapped.MasterKeyId) is { } key
            ? key.Unwrap(owner, wrapped.Bytes)
            : throw new InvalidOperationException($"Master key '{wrapped.MasterKeyId}' is not configured (PersonalData:AcceptedMasterKeys:{wrapped.MasterKeyId}).");
}
