namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// The customer has been silent since an agent's reply for the auto-close period: Notification
/// sends them one reminder that the inquiry closes on its own at <see cref="ClosesAt"/> unless they write.
/// </summary>
public sealed record CustomerReminded
{
    public required Guid InquiryId { get; init; }

    public required DateTimeOffset RemindedAt { get; init; }

    public required DateTimeOffset ClosesAt { get; init; }
}
