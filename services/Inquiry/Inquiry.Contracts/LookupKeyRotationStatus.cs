namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// The lookup keys in <see cref="KeyRotationStatus"/>: which key made how many inquiries' keyed
/// hashes (email, search terms), how far the re-hash to the current key has got, and which
/// configured keys nothing uses any more. Key ids only, never a key.
/// </summary>
public sealed record LookupKeyRotationStatus
{
    /// <summary>The id of the lookup key every new hash is made with.</summary>
    public required string CurrentLookupKey { get; init; }

    /// <summary>Every lookup key that is configured or still in use, current first.</summary>
    public required IReadOnlyList<LookupKeyUsage> LookupKeys { get; init; }

    /// <summary>Inquiries whose hashes are of more than one key (a correction made with another key than the rest); the re-hash takes them too.</summary>
    public required long Mixed { get; init; }

    /// <summary>Inquiries and queue entries not yet on the current lookup key; zero when the re-hash is done.</summary>
    public required long Remaining { get; init; }

    /// <summary>Accepted lookup keys that nothing is hashed with any more: they can be removed from configuration.</summary>
    public required IReadOnlyList<string> Removable { get; init; }

    /// <summary>Key ids in use that are not configured: lookups cannot find what they hashed until the re-hash has moved it.</summary>
    public required IReadOnlyList<string> Missing { get; init; }

    /// <summary>The last re-hash run of the replica that answered, if it ran one since it started.</summary>
    public required RewrapRunView? LastRun { get; init; }
}

/// <param name="KeyId">The lookup key's id.</param>
/// <param name="Current">Whether it makes new hashes.</param>
/// <param name="Configured">Whether this service has the key.</param>
/// <param name="Inquiries">Inquiries whose hashes it made.</param>
/// <param name="QueueEntries">Queue entries whose email hash it made (the read model, projected from the inquiries).</param>
public sealed record LookupKeyUsage(string KeyId, bool Current, bool Configured, long Inquiries, long QueueEntries);
