using Microsoft.Extensions.Configuration;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// The configured keys of one kind, each with its id: the current one, which makes everything new,
/// and the accepted ones, which only read what was made before (the next key announced before it
/// becomes current, the previous ones until a rotation has moved what they made). The master keys
/// (<see cref="MasterKeys"/>) and the lookup keys (<see cref="LookupKeys"/>) are both held this way.
/// </summary>
public sealed class KeyRing<TKey>
    where TKey : class
{
    private readonly Dictionary<string, TKey> keys;

    public KeyRing(string currentId, TKey current, IReadOnlyDictionary<string, TKey> accepted)
    {
        if (!KeyIds.IsValid(currentId))
        {
            throw new ArgumentException(KeyIds.Rule, nameof(currentId));
        }

        keys = new Dictionary<string, TKey>(accepted, StringComparer.Ordinal);
        if (!keys.TryAdd(currentId, current))
        {
            throw new ArgumentException($"The key id '{currentId}' is both current and accepted.", nameof(currentId));
        }

        CurrentId = currentId;
    }

    public string CurrentId { get; }

    public TKey Current => keys[CurrentId];

    /// <summary>Every configured id, current first.</summary>
    public IReadOnlyList<string> Ids => [CurrentId, .. keys.Keys.Where(id => id != CurrentId).Order(StringComparer.Ordinal)];

    public bool Knows(string id) => keys.ContainsKey(id);

    public TKey? Find(string id) => keys.GetValueOrDefault(id);

    /// <summary>
    /// <c>{Section}:{Name}</c> is the current key, named by <c>{Section}:{Name}Id</c> (<see cref="KeyIds.Initial"/>
    /// when unset); <c>{Section}:Accepted{Name}s:&lt;id&gt;</c> are the accepted ones. Each is base64 of 32 bytes.
    /// </summary>
    public static KeyRing<TKey> FromConfiguration(IConfiguration configuration, string section, string name, Func<byte[], TKey> make)
    {
        var idSetting = $"{section}:{name}Id";
        var acceptedSection = $"{section}:Accepted{name}s";
        var currentId = configuration[idSetting] is { Length: > 0 } id ? id : KeyIds.Initial;
        if (!KeyIds.IsValid(currentId))
        {
            throw new InvalidOperationException($"{idSetting}: {KeyIds.Rule}");
        }

        var accepted = new Dictionary<string, TKey>(StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection(acceptedSection).GetChildren())
        {
            if (!KeyIds.IsValid(entry.Key))
            {
                throw new InvalidOperationException($"{acceptedSection}: {KeyIds.Rule}");
            }

            accepted[entry.Key] = make(ReadKey(configuration, entry.Path));
        }

        if (accepted.ContainsKey(currentId))
        {
            throw new InvalidOperationException($"{acceptedSection}:{currentId} has the id of the current key ({idSetting}).");
        }

        return new(currentId, make(ReadKey(configuration, $"{section}:{name}")), accepted);
    }

    private static byte[] ReadKey(IConfiguration configuration, string name)
    {
        var value = configuration[name];
        byte[]? key = null;
        if (!string.IsNullOrWhiteSpace(value))
        {
            try
            {
                key = Convert.FromBase64String(value);
            }
            catch (FormatException)
            {
                key = null;
            }
        }

        return key is { Length: DataKey.Size }
            ? key
            : throw new InvalidOperationException(
                $"{name} must be set to a base64-encoded {DataKey.Size}-byte key ({name.Replace(":", "__", StringComparison.Ordinal)}); generate one with `openssl rand -base64 32`.");
    }
}

/// <summary>Ids of configured keys: they appear in configuration paths, tokens, stored hashes and the database.</summary>
public static class KeyIds
{
    /// <summary>The id of a key configured before key ids existed; what it made carries this id (or none, for a lookup hash).</summary>
    public const string Initial = "initial";

    public const string Rule = "A key id has 1 to 32 characters of a-z, 0-9, '-' and '_'.";

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 32 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
