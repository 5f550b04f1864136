namespace SupportPlatform.Inquiry.Contracts;

/// <summary>The customer added a message to their inquiry; the support team should look again.</summary>
public sealed record CustomerFollowedUp
{
    public required Guid InquiryId { get; init; }

    public required Guid MessageId { get; init; }

    public required DateTimeOffset FollowedUpAt { get; init; }

    /// <summary>How the message came (<see cref="MessageChannels"/>); web for messages published before issue 21.</summary>
    public string Channel { get; init; } = MessageChannels.Web;
}
