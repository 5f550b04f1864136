namespace SupportPlatform.Inquiry.Contracts;

/// <summary>Every piece of personal data about the inquiry was deleted here; every consumer deletes what it holds on it.</summary>
public sealed record InquiryPurged
{
    public required Guid InquiryId { get; init; }

    /// <summary>"retention-expired" or "erasure-request".</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset PurgedAt { get; init; }
}
