namespace SupportPlatform.Inquiry.Contracts;

public sealed record AgeStatusCount(string AgeBand, string Status, long Count);

/// <summary>Not on hold and past the deadline (purged at the next run), or due within 30 / 90 days (cumulative).</summary>
public sealed record DueForPurge(long Overdue, long Within30Days, long Within90Days);

public sealed record PurgedCount(string Month, string Reason, long Count);

/// <summary><c>GET /api/compliance/retention-report</c>: counts only, no id, address, name or text of any inquiry.</summary>
public sealed record RetentionReport(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<AgeStatusCount> Inquiries,
    DueForPurge DueForPurge,
    long OnHold,
    IReadOnlyList<PurgedCount> Purged);

/// <summary>What a retention run did (or, dry, would do). Counts and ids only, no personal data.</summary>
public sealed record RetentionRunSummary(
    Guid RunId,
    bool DryRun,
    DateTimeOffset AsOf,
    int Due,
    int Purged,
    int NotPurged,
    int DueButOnHold,
    long EventsDeleted,
    long AttachmentsDeleted,
    double ElapsedMs);

public sealed record LegalHoldStatus(Guid InquiryId, bool OnHold, long Version);
