using SupportPlatform.Inquiry.Consent;
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
        _ => Decision.Of(new CustomerReplied(state.Id, command.MessageId, command.Body, now)),
    };

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

    /// <summary>Holds apply in any status: a closed inquiry is exactly what retention would purge.</summary>
    public static Decision PlaceLegalHold(InquiryState? state, StaffMember by, string reason, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        { OnHold: true } => DomainError.AlreadyOnHold,
        _ => Decision.Of(new LegalHoldPlaced(state.Id, by.Id, by.Name, reason, now)),
    };

    public static Decision ReleaseLegalHold(InquiryState? state, StaffMember by, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        { OnHold: false } => DomainError.NotOnHold,
        _ => Decision.Of(new LegalHoldReleased(state.Id, by.Id, by.Name, now)),
    };
}
