namespace SupportPlatform.Inquiry.Contracts;

public sealed record InquiryClosed
{
    public required Guid InquiryId { get; init; }

    public required DateTimeOffset ClosedAt { get; init; }
}
