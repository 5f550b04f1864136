namespace SupportPlatform.Inquiry.Contracts;

/// <summary>A closed inquiry was opened again by an agent.</summary>
public sealed record InquiryReopenedByAgent
{
    public required Guid InquiryId { get; init; }

    public required DateTimeOffset ReopenedAt { get; init; }
}
