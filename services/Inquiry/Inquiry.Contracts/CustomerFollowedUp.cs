namespace SupportPlatform.Inquiry.Contracts;

/// <summary>The customer added a message to their inquiry; the support team should look again.</summary>
public sealed record CustomerFollowedUp
{
    public required Guid InquiryId { get; init; }

    public required Guid MessageId { get; init; }

    public required DateTimeOffset FollowedUpAt { get; init; }
}
