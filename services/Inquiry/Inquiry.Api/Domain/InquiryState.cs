namespace SupportPlatform.Inquiry.Domain;

public enum InquiryStatus
{
    /// <summary>Submitted, no agent reply yet.</summary>
    Open,

    /// <summary>An agent replied; the customer's turn.</summary>
    Answered,

    /// <summary>The customer followed up (or it was reopened after a reply); the support team's turn.</summary>
    Waiting,

    Closed,
}

/// <summary>낮음, 보통, 높음, 긴급.</summary>
public enum Priority
{
    Low,
    Normal,
    High,
    Urgent,
}

public enum WaitingOn
{
    Agent,
    Customer,
}

/// <summary>What decisions need to know about an inquiry, folded from its events. Null before submission.</summary>
public sealed record InquiryState(
    Guid Id,
    InquiryStatus Status,
    Guid? AssigneeId,
    bool AgentHasReplied,
    DateTimeOffset SubmittedAt,
    DateTimeOffset LastActivityAt,
    bool OnHold = false,
    DateTimeOffset? RemindedAt = null,
    Priority Priority = Priority.Normal,
    string? Category = null,
    StaffMember? LastRepliedBy = null,
    DateTimeOffset? SurveyRequestedAt = null,
    DateTimeOffset? FirstRatedAt = null)
{
    public WaitingOn? WaitingOn => Status switch
    {
        InquiryStatus.Answered => Domain.WaitingOn.Customer,
        InquiryStatus.Closed => null,
        _ => Domain.WaitingOn.Agent,
    };

    public static InquiryState? Fold(IEnumerable<IInquiryEvent> events) => events.Aggregate((InquiryState?)null, After);

    /// <summary>The state after one more event (the evolve step of the decider; not named Evolve, which Marten's source generator would take for an aggregate convention method).</summary>
    public static InquiryState? After(InquiryState? state, IInquiryEvent @event) => (state, @event) switch
    {
        (null, InquirySubmitted e) => new InquiryState(e.InquiryId, InquiryStatus.Open, null, false, e.SubmittedAt, e.SubmittedAt),
        (null, _) => null,
        (_, AgentReplied e) => state with
        {
            Status = InquiryStatus.Answered, AgentHasReplied = true, LastActivityAt = e.RepliedAt, RemindedAt = null, LastRepliedBy = new StaffMember(e.AgentId, e.AgentName),
        },
        (_, CustomerReplied e) => state with { Status = InquiryStatus.Waiting, LastActivityAt = e.RepliedAt, RemindedAt = null },
        (_, CustomerReminded e) => state with { RemindedAt = e.RemindedAt },
        (_, InquiryAssigned e) => state with { AssigneeId = e.AssigneeId },
        (_, InquiryClosed e) => state with { Status = InquiryStatus.Closed, LastActivityAt = e.ClosedAt, RemindedAt = null },
        (_, InquiryReopened e) => state with
        {
            RemindedAt = null,
            Status = state.AgentHasReplied ? InquiryStatus.Waiting : InquiryStatus.Open,
            LastActivityAt = e.ReopenedAt,
        },
        (_, InquiryPrioritised e) => state with { Priority = e.Priority },
        (_, InquiryCategorised e) => state with { Category = e.Category },
        (_, SatisfactionSurveyRequested e) => state with { SurveyRequestedAt = e.RequestedAt },
        (_, InquiryRated e) => state with { FirstRatedAt = state.FirstRatedAt ?? e.RatedAt },
        (_, LegalHoldPlaced) => state with { OnHold = true },
        (_, LegalHoldReleased) => state with { OnHold = false },
        _ => state,
    };
}
