namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// One purge run as the destruction ledger (파기 기록) lists it: which run, why, under which
/// retention policy versions, and how much it destroyed. Counts and ids only.
/// </summary>
public sealed record PurgeRun(
    Guid RunId,
    string Reason,
    DateTimeOffset PurgedAt,
    IReadOnlyList<string> PolicyVersions,
    int Inquiries,
    long EventsDeleted,
    int AttachmentsDeleted);

/// <summary>One sweep of access-request exports that expired without their download.</summary>
public sealed record ExpiredExportPurge(Guid RunId, DateTimeOffset PurgedAt, int Exports);

/// <summary><c>GET /api/compliance/destruction-ledger</c>: every purge run of inquiries and every sweep of expired exports, newest first.</summary>
public sealed record InquiryDestructions(IReadOnlyList<PurgeRun> Runs, IReadOnlyList<ExpiredExportPurge> ExpiredExports);
