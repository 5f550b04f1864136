namespace SupportPlatform.Inquiry.Contracts;

public sealed record AttachmentView(Guid AttachmentId, string FileName, string ContentType, long Size);

/// <summary>A file of an emailed message that was not stored, and why: <c>type</c> (not an allowed type), <c>size</c> (too large) or <c>count</c> (too many files).</summary>
public sealed record DroppedAttachmentView(string FileName, string Reason);

/// <summary>
/// One entry of the conversation. <c>Body</c> is the author's Markdown as plain text. A customer's
/// message came by <c>Channel</c> (<see cref="MessageChannels"/>); for agents, an emailed one also
/// has its full text as received (<c>Original</c>) and whether the sender's SPF/DKIM/DMARC failed.
/// An emailed message's files are its <c>Attachments</c>; the ones not stored are, for agents, its <c>DroppedAttachments</c>.
/// </summary>
public sealed record MessageView(
    Guid Id, string Author, string? AgentName, string Body, DateTimeOffset At,
    string? Channel = null, string? Original = null, string? Authentication = null, bool AuthenticationFailed = false,
    IReadOnlyList<AttachmentView>? Attachments = null, IReadOnlyList<DroppedAttachmentView>? DroppedAttachments = null);

/// <summary>An email held for an agent (<c>Reason</c>: <c>sender</c>, another address wrote; <c>reply-address</c>, not this inquiry's reply address).</summary>
public sealed record HeldEmailView(
    Guid Id, string From, string Body, string Original, string Reason, string? Authentication, bool AuthenticationFailed, DateTimeOffset HeldAt,
    IReadOnlyList<AttachmentView>? Attachments = null, IReadOnlyList<DroppedAttachmentView>? DroppedAttachments = null);

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
    IReadOnlyList<HeldEmailView>? HeldEmails = null,
    string? Priority = null,
    string? Category = null,
    ServiceLevelView? ServiceLevels = null,
    SatisfactionView? Satisfaction = null);

/// <summary>
/// One SLA target of an inquiry: kind (first-response, next-response, resolution), when it started,
/// its length and the business time used so far (minutes), when it is or was due, when it was
/// completed, and its standing now: on-time, due-soon, breached, paused (the customer's turn) or met.
/// </summary>
public sealed record SlaTargetView(
    string Kind, DateTimeOffset StartedAt, int LengthMinutes, int UsedMinutes, DateTimeOffset DueAt, DateTimeOffset? CompletedAt, string Standing);

/// <summary>The inquiry's SLA targets, measured against the policy revision named.</summary>
public sealed record ServiceLevelView(string PolicyRevision, IReadOnlyList<SlaTargetView> Targets);

/// <summary>What an agent's change returns: the new version (also the ETag) and the id of what it created, if anything.</summary>
public sealed record CommandAccepted(Guid InquiryId, long Version, Guid? CreatedId = null);
