namespace SupportPlatform.Inquiry.Contracts;

/// <summary>An agent took or gave the inquiry to a member of staff (the desk shows it live). Ids only: the name is read from the view.</summary>
public sealed record InquiryAssigneeChanged
{
    public required Guid InquiryId { get; init; }

    public required Guid AssigneeId { get; init; }

    public required DateTimeOffset AssignedAt { get; init; }
}
