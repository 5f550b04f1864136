using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.ServiceLevels;
using SupportPlatform.Inquiry.ServiceLevels.Warning;

namespace SupportPlatform.Inquiry.Domain;

/// <summary>
/// What happened to one inquiry, in its own stream. Personal data is <see cref="Sealed"/> with the
/// inquiry's data key; the rest (ids, times, staff names, statuses) is plain so read models and the
/// retention index need no key.
/// </summary>
public interface IInquiryEvent
{
    Guid InquiryId { get; }
}

public sealed record ConsentItem(string Name, bool Required);

/// <summary>Exactly what the customer was shown and accepted; the retention clock runs by this policy.</summary>
public sealed record ConsentGiven(
    Guid InquiryId, string PolicyVersion, IReadOnlyList<ConsentItem> Items, string Purpose, string Retention, DateTimeOffset GivenAt) : IInquiryEvent;

public sealed record AttachmentRef(Guid AttachmentId, Sealed FileName, string ContentType, long Size);

public sealed record InquirySubmitted(
    Guid InquiryId,
    Sealed Email,
    string EmailHash,
    Sealed CompanyName,
    Sealed? Phone,
    Sealed Summary,
    Sealed Details,
    string AccessTokenHash,
    string Language,
    string? RecommendationSessionId,
    IReadOnlyList<AttachmentRef> Attachments,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<string>? SearchTokens = null) : IInquiryEvent;

public sealed record AgentReplied(Guid InquiryId, Guid ReplyId, Sealed Body, Guid AgentId, string AgentName, DateTimeOffset RepliedAt) : IInquiryEvent;

/// <summary>
/// The customer wrote. <paramref name="Channel"/> is <c>web</c> (null in events from before issue 21)
/// or <c>email</c>; an emailed answer keeps the full text as received in <paramref name="Original"/>
/// (the body is it without quoted history and signature) and the sender's authentication verdicts,
/// its stored files in <paramref name="Attachments"/> and the ones refused in <paramref name="DroppedAttachments"/>.
/// </summary>
public sealed record CustomerReplied(
    Guid InquiryId,
    Guid MessageId,
    Sealed Body,
    DateTimeOffset RepliedAt,
    string? Channel = null,
    Sealed? Original = null,
    EmailAuthentication? Authentication = null,
    IReadOnlyList<AttachmentRef>? Attachments = null,
    IReadOnlyList<DroppedAttachment>? DroppedAttachments = null) : IInquiryEvent;

/// <summary>A file of an emailed message that was not stored: its name, and why (<see cref="DroppedAttachment.Type"/>, <see cref="DroppedAttachment.Size"/>, <see cref="DroppedAttachment.Count"/>).</summary>
public sealed record DroppedAttachment(Sealed FileName, string Reason)
{
    public const string Type = "type";
    public const string Size = "size";
    public const string Count = "count";
}

/// <summary>SPF/DKIM/DMARC verdicts from the receiving server's <c>Authentication-Results</c> (no domains: only the words).</summary>
public sealed record EmailAuthentication(string Verdicts, bool Failed);

/// <summary>
/// An email that names this inquiry but cannot be trusted to be the customer's (another sender, a
/// forwarded copy, a reply address that is not this inquiry's): an agent accepts or discards it. It
/// is never shown to the customer.
/// </summary>
public sealed record CustomerEmailHeld(
    Guid InquiryId,
    Guid MessageId,
    Sealed From,
    Sealed Body,
    Sealed Original,
    string Reason,
    EmailAuthentication? Authentication,
    DateTimeOffset HeldAt,
    IReadOnlyList<AttachmentRef>? Attachments = null,
    IReadOnlyList<DroppedAttachment>? DroppedAttachments = null) : IInquiryEvent;

/// <summary>An agent decided on a held email: accepted (it follows as a <see cref="CustomerReplied"/> with the same id) or discarded.</summary>
public sealed record HeldEmailResolved(Guid InquiryId, Guid MessageId, bool Accepted, Guid ResolvedBy, string ResolvedByName, DateTimeOffset ResolvedAt) : IInquiryEvent;

public sealed record InternalNoteAdded(Guid InquiryId, Guid NoteId, Sealed Body, Guid AgentId, string AgentName, DateTimeOffset AddedAt) : IInquiryEvent;

public sealed record InquiryAssigned(Guid InquiryId, Guid AssigneeId, string AssigneeName, Guid AssignedBy, DateTimeOffset AssignedAt) : IInquiryEvent;

public sealed record InquiryClosed(Guid InquiryId, Guid ClosedBy, string ClosedByName, DateTimeOffset ClosedAt) : IInquiryEvent;

public sealed record InquiryReopened(Guid InquiryId, Guid ReopenedBy, string ReopenedByName, DateTimeOffset ReopenedAt) : IInquiryEvent;

/// <summary>
/// The customer, silent since the last reply, was sent one reminder that the inquiry will close on
/// its own (<see cref="ClosesAt"/>). Not business activity: the waiting time keeps running.
/// </summary>
public sealed record CustomerReminded(Guid InquiryId, DateTimeOffset RemindedAt, DateTimeOffset ClosesAt) : IInquiryEvent;

/// <summary>How urgent an agent judged the inquiry (낮음/보통/높음/긴급); the SLA targets follow it. Until set, <see cref="Priority.Normal"/>.</summary>
public sealed record InquiryPrioritised(Guid InquiryId, Priority Priority, Guid SetBy, string SetByName, DateTimeOffset SetAt) : IInquiryEvent;

/// <summary>The product category (a Knowledge category slug) an agent filed the inquiry under.</summary>
public sealed record InquiryCategorised(Guid InquiryId, string Category, Guid SetBy, string SetByName, DateTimeOffset SetAt) : IInquiryEvent;

/// <summary>
/// One SLA target of the inquiry crossed a warning threshold (80 % of its business time, or its due
/// time) while running: the assignee (<see cref="AssigneeId"/>), or the team when nobody is assigned,
/// is emailed once. The target is named by its kind and start, which no rebuild changes;
/// <see cref="DueAt"/> is its due time when warned. Not business activity. Warnings stored before
/// they were addressed have no assignee, as if unassigned.
/// </summary>
public sealed record SlaWarningRaised(
    Guid InquiryId, SlaTargetKind Target, DateTimeOffset TargetStartedAt, SlaThreshold Threshold, DateTimeOffset DueAt, DateTimeOffset RaisedAt,
    Guid? AssigneeId = null) : IInquiryEvent;

/// <summary>
/// The inquiry was closed for the first time: the customer is asked once whether the answer helped
/// (고객 만족도). Closing again after a reopen asks nothing more.
/// </summary>
public sealed record SatisfactionSurveyRequested(Guid InquiryId, DateTimeOffset RequestedAt) : IInquiryEvent;

/// <summary>
/// The customer rated the answer 1–5 through the survey link (again within the change window,
/// which replaces the earlier rating). The comment is personal text, sealed like the rest;
/// <see cref="AgentId"/> is who answered last, the one the rating is counted for, and
/// <see cref="Category"/> the inquiry's category when it was rated (null when none was set, and in
/// ratings from before the operations view).
/// </summary>
public sealed record InquiryRated(
    Guid InquiryId, int Score, Sealed? Comment, Guid? AgentId, string? AgentName, DateTimeOffset RatedAt, string? Category = null) : IInquiryEvent;

/// <summary>A compliance officer suspended purging; the retention clock keeps its time (holds are not business activity).</summary>
public sealed record LegalHoldPlaced(Guid InquiryId, Guid PlacedBy, string PlacedByName, string Reason, DateTimeOffset PlacedAt) : IInquiryEvent;

public sealed record LegalHoldReleased(Guid InquiryId, Guid ReleasedBy, string ReleasedByName, DateTimeOffset ReleasedAt) : IInquiryEvent;

/// <summary>The contact details a data subject may have corrected (정정, PIPA art. 36).</summary>
public static class ContactFields
{
    public const string Email = "email";
    public const string Company = "company";
    public const string Phone = "phone";
}

/// <summary>
/// A compliance officer corrected one contact detail at the data subject's request: the new value
/// sealed; when the email changed, its keyed hash, so lookups by address find the inquiry under the
/// new one. Not business activity: the retention clock keeps its time.
/// </summary>
public sealed record ContactDetailsCorrected(
    Guid InquiryId, string Field, Sealed Value, string? EmailHash, Guid CorrectedBy, string CorrectedByName, DateTimeOffset CorrectedAt) : IInquiryEvent;

/// <summary>
/// The marker a purge leaves in the log once the inquiry's own stream is gone: only the id, why and
/// when (no personal data), kept in the stream of the retention run that did it. The checkpointed
/// publisher maps it to <c>InquiryPurged</c>, so every service hears of the purge at least once.
/// </summary>
public sealed record InquiryPurgeRecorded(Guid InquiryId, string Reason, Guid RunId, DateTimeOffset PurgedAt) : IInquiryEvent;
