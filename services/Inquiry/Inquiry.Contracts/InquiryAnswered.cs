namespace SupportPlatform.Inquiry.Contracts;

/// <summary>An agent replied to the customer (internal notes never produce this). The reply itself is fetched: <see cref="InternalInquiryApi.GetReplyAsync"/>.</summary>
public sealed record InquiryAnswered
{
    public required Guid InquiryId { get; init; }

    /// <summary>Identifies this reply; one email per reply.</summary>
    public required Guid ReplyId { get; init; }

    public required DateTimeOffset AnsweredAt { get; init; }
}
