namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// One row of <c>GET /api/agent/inquiries</c>. Status and waitingOn are the lower-case names of
/// Inquiry's states; priority is low, normal, high or urgent; category a Knowledge category slug.
/// <c>DueAt</c> is when the next running SLA target runs out (null while the customer has the turn
/// or once closed) and <c>DueStanding</c> how it stands at the time of the request: on-time,
/// due-soon (within one business hour) or breached.
/// </summary>
public sealed record QueueItem(
    Guid InquiryId,
    string Status,
    string? WaitingOn,
    DateTimeOffset SubmittedAt,
    DateTimeOffset LastActivityAt,
    Guid? AssigneeId,
    string? AssigneeName,
    string? Summary,
    long Version,
    string Priority = "normal",
    string? Category = null,
    DateTimeOffset? DueAt = null,
    string? DueStanding = null);

/// <summary>
/// One page of the queue. <c>Total</c> is exact up to 10,000 rows and PostgreSQL's estimate past
/// that (<c>TotalIsEstimate</c>). <c>Next</c> is the cursor to pass as <c>after</c> for the page that
/// follows and <c>Previous</c> the one to pass as <c>before</c> for the page that precedes; each is
/// null at its end of the queue.
/// </summary>
public sealed record QueuePage(IReadOnlyList<QueueItem> Items, int PageSize, long Total, bool TotalIsEstimate, string? Next, string? Previous);
