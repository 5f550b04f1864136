namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// <c>GET /api/operations/keys</c> (admins): which master keys wrap how many keys, how far the
/// re-wrap to the current key has got, and which configured keys nothing uses any more; the same
/// for the lookup keys in <see cref="LookupKeys"/>. Key ids only, never a key.
/// </summary>
public sealed record KeyRotationStatus
{
    /// <summary>The id of the master key every new data key is wrapped with.</summary>
    public required string CurrentMasterKey { get; init; }

    /// <summary>Every master key that is configured or still in use, current first.</summary>
    public required IReadOnlyList<MasterKeyUsage> MasterKeys { get; init; }

    /// <summary>Wrapped keys not yet on the current master key; zero when the re-wrap is done.</summary>
    public required long Remaining { get; init; }

    /// <summary>Accepted master keys that wrap nothing any more: they can be removed from configuration.</summary>
    public required IReadOnlyList<string> Removable { get; init; }

    /// <summary>Key ids in use that are not configured: what they wrap cannot be opened until they are.</summary>
    public required IReadOnlyList<string> Missing { get; init; }

    /// <summary>The last re-wrap run of the replica that answered, if it ran one since it started.</summary>
    public required RewrapRunView? LastRun { get; init; }

    /// <summary>The lookup keys of the keyed hashes and their re-hash.</summary>
    public required LookupKeyRotationStatus LookupKeys { get; init; }
}

/// <param name="KeyId">The master key's id.</param>
/// <param name="Current">Whether it wraps new keys.</param>
/// <param name="Configured">Whether this service has the key (a key in use but not configured is missing).</param>
/// <param name="DataKeys">Inquiry data keys it wraps.</param>
/// <param name="UnboundAttachments">Keys of uploads not yet bound to an inquiry that it wraps.</param>
public sealed record MasterKeyUsage(string KeyId, bool Current, bool Configured, long DataKeys, long UnboundAttachments);

/// <param name="StartedAt">When the run started.</param>
/// <param name="FinishedAt">When it finished, or null while it runs.</param>
/// <param name="Moved">Keys it re-wrapped to the current master key (inquiries it re-hashed with the current lookup key) so far.</param>
public sealed record RewrapRunView(DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long Moved);
