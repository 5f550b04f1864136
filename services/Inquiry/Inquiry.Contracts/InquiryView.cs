namespace SupportPlatform.Inquiry.Contracts;

public sealed record AttachmentView(Guid AttachmentId, string FileName, string ContentType, long Size);

/// <summary>One entry of the conversation. <c>Body</c> is the author's Markdown as plain text.</summary>
public sealed record MessageView(Guid Id, string Author, string? AgentName, string Body, DateTimeOffset At);

public sealed record NoteView(Guid Id, Guid AgentId, string AgentName, string Body, DateTimeOffset At);

public sealed record AssigneeView(Guid Id, string Name);

/// <summary>
/// The thread of one inquiry. Agent-only parts (notes, assignee, consent) are null for the customer.
/// Status (open, answered, waiting, closed) and waitingOn (customer, agent) are the lower-case names of Inquiry's states.
/// <c>AutoCloseAt</c> (agents only): while the customer is waited on, when the inquiry will close on its own.
/// <c>Satisfaction</c> (agents only): the customer's latest rating, if any.
/// </summary>
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
    AssigneeView? Assignee = null,
    IReadOnlyList<NoteView>? Notes = null,
    string? ConsentPolicyVersion = null,
    DateTimeOffset? AutoCloseAt = null,
    SatisfactionView? Satisfaction = null);

/// <summary>What an agent's change returns: the new version (also the ETag) and the id of what it created, if anything.</summary>
public sealed record CommandAccepted(Guid InquiryId, long Version, Guid? CreatedId = null);
