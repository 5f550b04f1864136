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

public static class PurgeAudit
{
    public static string Sql(string schema) => $"""
        CREATE TABLE IF NOT EXISTS {schema}.purge_audit (
            inquiry_id uuid PRIMARY KEY,
            submitted_at timestamptz NOT NULL,
            last_business_activity_at timestamptz NOT NULL,
            deadline timestamptz NOT NULL,
            reason text NOT NULL CHECK (reason IN ('retention-expired', 'erasure-request')),
            policy_version text NOT NULL,
            events_deleted bigint NOT NULL,
            attachments_deleted int NOT NULL,
            purged_at timestamptz NOT NULL,
            run_id uuid NOT NULL
        );
        CREATE INDEX IF NOT EXISTS purge_audit_purged_at ON {schema}.purge_audit (purged_at);
        """;
}
