namespace SupportPlatform.Inquiry.Retention.Purging;

/// <summary>Why an inquiry is purged; stored in the audit and carried by <c>InquiryPurged</c>.</summary>
public static class PurgeReasons
{
    public const string RetentionExpired = "retention-expired";
    public const string ErasureRequest = "erasure-request";
}

/// <summary>An inquiry as the purge sees it with its stream row locked: what eligibility and the audit need, nothing personal.</summary>
public sealed record PurgeCandidate(
    Guid InquiryId,
    long StreamVersion,
    long ProjectedVersion,
    DateTimeOffset SubmittedAt,
    DateTimeOffset LastBusinessActivityAt,
    DateTimeOffset Deadline,
    string PolicyVersion,
    bool OnHold,
    int Attachments);

/// <summary>An inquiry a purge left in place, and why.</summary>
public sealed record NotPurged(Guid InquiryId, string Reason);

/// <summary>Whether a locked candidate may go: a pure function of (candidate, reason, now).</summary>
public static class PurgeEligibility
{
    public const string OnLegalHold = "legal-hold";
    public const string NotDue = "not-due";
    public const string NotFound = "not-found";

    /// <summary>
    /// Events newer than the read model (a reply, a hold) may move the deadline or suspend the
    /// purge; the row is left for a later pass, when the projection has caught up.
    /// </summary>
    public const string ChangedMeanwhile = "changed-meanwhile";

    /// <summary>Null when the candidate may be purged for <paramref name="reason"/> at <paramref name="now"/>.</summary>
    public static string? WhyNot(PurgeCandidate candidate, string reason, DateTimeOffset now) => candidate switch
    {
        { ProjectedVersion: var projected, StreamVersion: var current } when projected != current => ChangedMeanwhile,
        { OnHold: true } => OnLegalHold,
        _ when reason == PurgeReasons.RetentionExpired && candidate.Deadline > now => NotDue,
        _ => null,
    };
}
