namespace SupportPlatform.Inquiry.Retention.Purging;

/// <summary>
/// What stays of a purged inquiry: ids, dates, reason, policy and counts, never personal data
/// (not even the email hash, which would still single a person out). One row per inquiry, so a
/// second purge of the same inquiry would fail rather than pass unnoticed.
/// </summary>
public sealed record PurgeAuditRecord(
    Guid InquiryId,
    DateTimeOffset SubmittedAt,
    DateTimeOffset LastBusinessActivityAt,
    DateTimeOffset Deadline,
    string Reason,
    string PolicyVersion,
    long EventsDeleted,
    int AttachmentsDeleted,
    DateTimeOffset PurgedAt,
    Guid RunId);
