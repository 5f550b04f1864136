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

/// <summary><c>GET /api/compliance/destruction-ledger</c>: every purge run of inquiries, newest first.</summary>
public sealed record InquiryDestructions(IReadOnlyList<PurgeRun> Runs);
