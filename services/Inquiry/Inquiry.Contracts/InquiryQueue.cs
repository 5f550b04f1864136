namespace SupportPlatform.Inquiry.Contracts;

/// <summary>One row of <c>GET /api/agent/inquiries</c>. Status and waitingOn are the lower-case names of Inquiry's states.</summary>
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
