using SupportPlatform.Inquiry.Consent;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Inquiries.Rating;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Domain;

/// <summary>A rule the command breaks; the HTTP edge maps it to a status.</summary>
public sealed record DomainError(string Code, string Detail)
{
    public static readonly DomainError NotFound = new("not-found", "The inquiry does not exist.");
    public static readonly DomainError AlreadySubmitted = new("already-submitted", "The inquiry was already submitted.");
    public static readonly DomainError ConsentRequired = new("consent-required", "The privacy consent of the current policy is required.");
    public static readonly DomainError InquiryIsClosed = new("inquiry-closed", "The inquiry is closed; reopen it first.");
    public static readonly DomainError AlreadyClosed = new("already-closed", "The inquiry is already closed.");
    public static readonly DomainError NotClosed = new("not-closed", "Only a closed inquiry can be reopened.");
    public static readonly DomainError AlreadyOnHold = new("already-on-hold", "The inquiry is already under a legal hold.");
    public static readonly DomainError NotOnHold = new("not-on-hold", "The inquiry is not under a legal hold.");
    public static readonly DomainError ClosedTooLong = new("closed-too-long", "The inquiry was closed too long ago to be reopened by an answer.");
    public static readonly DomainError NoSuchHeldEmail = new("no-such-held-email", "No email of that id is waiting for a decision.");
}

/// <summary>The events a command produces, or why it cannot happen. No events and no error means "nothing to do".</summary>
public readonly record struct Decision(IReadOnlyList<IInquiryEvent> Events, DomainError? Error)
{
    public bool Failed => Error is not null;

    public static implicit operator Decision(DomainError error) => new([], error);

    public static Decision Of(params IInquiryEvent[] events) => new(events, null);
}

public sealed record StaffMember(Guid Id, string Name);

/// <summary>The submission as it will be stored: personal data already sealed with the new inquiry's key.</summary>
public sealed record SubmitInquiry(
    Guid InquiryId,
    bool ConsentAccepted,
    string? ConsentPolicyVersion,
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
    IReadOnlyList<string>? SearchTokens = null);

public sealed record ReplyToCustomer(Guid ReplyId, Sealed Body, StaffMember Agent);

public sealed record FollowUp(Guid MessageId, Sealed Body);

/// <summary>
/// An emailed answer as it will be stored (sealed). <paramref name="Trusted"/>: the sender is the
/// inquiry's address and the mail came to this inquiry's reply address or answers one of its emails;
/// otherwise it is held, with <paramref name="HoldReason"/>. Its files are already in the attachment store,
/// bound to the inquiry (<paramref name="Attachments"/>); <paramref name="DroppedAttachments"/> the ones refused.
/// </summary>
public sealed record ReceiveEmail(
    Guid MessageId, Sealed From, Sealed Body, Sealed Original, EmailAuthentication? Authentication, bool Trusted, string HoldReason, TimeSpan ReopenWindow,
    IReadOnlyList<AttachmentRef>? Attachments = null, IReadOnlyList<DroppedAttachment>? DroppedAttachments = null);

public sealed record AddInternalNote(Guid NoteId, Sealed Body, StaffMember Agent);

public sealed record AssignInquiry(StaffMember Assignee, StaffMember AssignedBy);

/// <summary>Pure decisions: (state, command, now) → events or a domain error.</summary>
public static class InquiryDecisions
{
    public static Decision Submit(InquiryState? state, SubmitInquiry command, ConsentPolicy policy, DateTimeOffset now)
    {
        if (state is not null)
        {
            return DomainError.AlreadySubmitted;
        }

        if (policy.Check(command.ConsentAccepted, command.ConsentPolicyVersion) is not null)
        {
            return DomainError.ConsentRequired;
        }

        return Decision.Of(
            new ConsentGiven(command.InquiryId, policy.Version, policy.Items, policy.Purpose, policy.Retention, now),
            new InquirySubmitted(
                command.InquiryId, command.Email, command.EmailHash, command.CompanyName, command.Phone, command.Summary, command.Details,
                command.AccessTokenHash, command.Language, command.RecommendationSessionId, command.Attachments, now, command.SearchTokens));
    }

    public static Decision Reply(InquiryState? state, ReplyToCustomer command, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        { Status: InquiryStatus.Closed } => DomainError.InquiryIsClosed,
        _ => Decision.Of(new AgentReplied(state.Id, command.ReplyId, command.Body, command.Agent.Id, command.Agent.Name, now)),
    };

    public static Decision FollowUp(InquiryState? state, FollowUp command, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        { Status: InquiryStatus.Closed } => DomainError.InquiryIsClosed,
        _ => Decision.Of(new CustomerReplied(state.Id, command.MessageId, command.Body, now, MessageChannels.Web)),
    };

    /// <summary>
    /// An emailed answer: appended when trusted, reopening a closed inquiry within the window;
    /// held for an agent otherwise. After the window nothing is stored (the sender is told to file a new inquiry).
    /// </summary>
    public static Decision ReceiveEmail(InquiryState? state, ReceiveEmail command, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        _ when IsClosedTooLong(state, command.ReopenWindow, now) => DomainError.ClosedTooLong,
        _ when !command.Trusted => Decision.Of(new CustomerEmailHeld(
            state.Id, command.MessageId, command.From, command.Body, command.Original, command.HoldReason, command.Authentication, now,
            command.Attachments, command.DroppedAttachments)),
        { Status: InquiryStatus.Closed } => Decision.Of(
            new InquiryReopened(state.Id, Guid.Empty, CustomerByEmail, now),
            EmailedReply(state.Id, command.MessageId, command.Body, command.Original, command.Authentication, now, command.Attachments, command.DroppedAttachments)),
        _ => Decision.Of(EmailedReply(state.Id, command.MessageId, command.Body, command.Original, command.Authentication, now, command.Attachments, command.DroppedAttachments)),
    };

    /// <summary>Whether an emailed answer now would come after the reopening window (then nothing of it is stored).</summary>
    public static bool IsClosedTooLong(InquiryState state, TimeSpan reopenWindow, DateTimeOffset now) =>
        state.Status == InquiryStatus.Closed && now - state.LastActivityAt > reopenWindow;

    /// <summary>An agent accepts a held email (it joins the conversation as the customer's) or discards it.</summary>
    public static Decision ResolveHeldEmail(InquiryState? state, CustomerEmailHeld? held, bool alreadyResolved, bool accept, StaffMember by, DateTimeOffset now) =>
        (state, held) switch
        {
            (null, _) => DomainError.NotFound,
            (_, null) => DomainError.NoSuchHeldEmail,
            _ when alreadyResolved => DomainError.NoSuchHeldEmail,
            _ when !accept => Decision.Of(new HeldEmailResolved(state.Id, held.MessageId, false, by.Id, by.Name, now)),
            ({ Status: InquiryStatus.Closed }, _) => DomainError.InquiryIsClosed,
            _ => Decision.Of(
                new HeldEmailResolved(state.Id, held.MessageId, true, by.Id, by.Name, now),
                EmailedReply(state.Id, held.MessageId, held.Body, held.Original, held.Authentication, now, held.Attachments, held.DroppedAttachments)),
        };

    /// <summary>Who reopened an inquiry by answering its email (no staff member did).</summary>
    public const string CustomerByEmail = "고객 메일 회신";

    private static CustomerReplied EmailedReply(
        Guid inquiryId, Guid messageId, Sealed body, Sealed original, EmailAuthentication? authentication, DateTimeOffset now,
        IReadOnlyList<AttachmentRef>? attachments, IReadOnlyList<DroppedAttachment>? dropped) =>
        new(inquiryId, messageId, body, now, MessageChannels.Email, original, authentication,
            attachments is { Count: > 0 } ? attachments : null, dropped is { Count: > 0 } ? dropped : null);

    /// <summary>Notes are allowed on closed inquiries too: agents document after the fact.</summary>
    public static Decision AddNote(InquiryState? state, AddInternalNote command, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        _ => Decision.Of(new InternalNoteAdded(state.Id, command.NoteId, command.Body, command.Agent.Id, command.Agent.Name, now)),
    };

    public static Decision Assign(InquiryState? state, AssignInquiry command, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        { Status: InquiryStatus.Closed } => DomainError.InquiryIsClosed,
        _ when state.AssigneeId == command.Assignee.Id => Decision.Of(),
        _ => Decision.Of(new InquiryAssigned(state.Id, command.Assignee.Id, command.Assignee.Name, command.AssignedBy.Id, now)),
    };

    public static Decision Close(InquiryState? state, StaffMember by, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        { Status: InquiryStatus.Closed } => DomainError.AlreadyClosed,
        _ => Decision.Of([new InquiryClosed(state.Id, by.Id, by.Name, now), .. Satisfaction.OnClose(state, now)]),
    };

    public static Decision Reopen(InquiryState? state, StaffMember by, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        { Status: not InquiryStatus.Closed } => DomainError.NotClosed,
        _ => Decision.Of(new InquiryReopened(state.Id, by.Id, by.Name, now)),
    };

    /// <summary>Setting the priority it already has is nothing to do; a closed inquiry has no targets left to rank.</summary>
    public static Decision Prioritise(InquiryState? state, Priority priority, StaffMember by, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        { Status: InquiryStatus.Closed } => DomainError.InquiryIsClosed,
        _ when state.Priority == priority => Decision.Of(),
        _ => Decision.Of(new InquiryPrioritised(state.Id, priority, by.Id, by.Name, now)),
    };

    /// <summary>Allowed on closed inquiries too: filing after the fact corrects the reports.</summary>
    public static Decision Categorise(InquiryState? state, string category, StaffMember by, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        _ when state.Category == category => Decision.Of(),
        _ => Decision.Of(new InquiryCategorised(state.Id, category, by.Id, by.Name, now)),
    };

    /// <summary>Holds apply in any status: a closed inquiry is exactly what retention would purge.</summary>
    public static Decision PlaceLegalHold(InquiryState? state, StaffMember by, string reason, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        { OnHold: true } => DomainError.AlreadyOnHold,
        _ => Decision.Of(new LegalHoldPlaced(state.Id, by.Id, by.Name, reason, now)),
    };

    /// <summary>The value comes sealed (the key is not the decision's business); any inquiry that exists may be corrected, closed or held.</summary>
    public static Decision CorrectContactDetails(InquiryState? state, string field, Sealed value, string? emailHash, StaffMember by, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        _ => Decision.Of(new ContactDetailsCorrected(state.Id, field, value, emailHash, by.Id, by.Name, now)),
    };

    public static Decision ReleaseLegalHold(InquiryState? state, StaffMember by, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        { OnHold: false } => DomainError.NotOnHold,
        _ => Decision.Of(new LegalHoldReleased(state.Id, by.Id, by.Name, now)),
    };
}
