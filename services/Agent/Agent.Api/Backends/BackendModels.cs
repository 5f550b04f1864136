namespace SupportPlatform.Agent.Backends;

// The shapes the desk reads from the other services' APIs (their JSON, camelCase, enums as strings).

public sealed record QueueItem(
    Guid InquiryId,
    string Status,
    string? WaitingOn,
    DateTimeOffset SubmittedAt,
    DateTimeOffset LastActivityAt,
    Guid? AssigneeId,
    string? AssigneeName,
    string? Summary,
    long Version);

public sealed record QueuePage(IReadOnlyList<QueueItem> Items, int Page, int PageSize, long Total);

public sealed record AttachmentView(Guid AttachmentId, string FileName, string ContentType, long Size);

public sealed record MessageView(Guid Id, string Author, string? AgentName, string Body, DateTimeOffset At);

public sealed record NoteView(Guid Id, Guid AgentId, string AgentName, string Body, DateTimeOffset At);

public sealed record AssigneeView(Guid Id, string Name);

public sealed record InquiryView(
    Guid InquiryId,
    string Status,
    string? WaitingOn,
    DateTimeOffset SubmittedAt,
    DateTimeOffset LastActivityAt,
    string Email,
    string CompanyName,
    string? Phone,
    string Summary,
    string Details,
    string Language,
    IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<MessageView> Messages,
    long Version,
    AssigneeView? Assignee,
    IReadOnlyList<NoteView>? Notes,
    string? ConsentPolicyVersion);

public sealed record CommandAccepted(Guid InquiryId, long Version, Guid? CreatedId);

public sealed record AgeStatusCount(string AgeBand, string Status, long Count);

public sealed record DueForPurge(long Overdue, long Within30Days, long Within90Days);

public sealed record PurgedCount(string Month, string Reason, long Count);

public sealed record RetentionReport(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<AgeStatusCount> Inquiries,
    DueForPurge DueForPurge,
    long OnHold,
    IReadOnlyList<PurgedCount> Purged);

public sealed record RetentionRunSummary(Guid RunId, bool DryRun, DateTimeOffset AsOf, int Due, int Purged, int NotPurged, int DueButOnHold, long EventsDeleted);

public sealed record LegalHoldStatus(Guid InquiryId, bool OnHold, long Version);

public sealed record SuggestionView(int Rank, string Slug, string Title, double Score, double Coverage);

public sealed record DeliveryLog(Guid InquiryId, IReadOnlyList<DeliveryStatusView> Deliveries);

/// <summary>Notification's delivery log keeps no recipient or content, only the kind (who it went to follows from it) and the outcome.</summary>
public sealed record DeliveryStatusView(
    Guid Id,
    string Kind,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? FailedAt,
    string? LastError);

public sealed record CategoryRef(string Slug, string Name);

public sealed record CategoryOption(string Slug, string Name);

public sealed record StaffArticleSummary(string Slug, string Title, string Category, string[] Products, string Status, int Revision, DateTimeOffset UpdatedAt);

public sealed record ArticleView(string Slug, string Title, CategoryRef Category, string[] Products, string Status, int Revision, string Markdown, string Html, DateTimeOffset UpdatedAt);

public sealed record RevisionView(int Revision, string Title, string Category, string[] Products, string Editor, DateTimeOffset EditedAt, string Markdown, string Html);
