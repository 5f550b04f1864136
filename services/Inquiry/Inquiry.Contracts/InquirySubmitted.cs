namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// A customer filed an inquiry. Ids only, like every message of Inquiry: a consumer that needs the
/// address or the summary asks <see cref="InternalInquiryApi"/> at the moment it uses them, so
/// nothing personal waits in a queue or an error queue where a purge cannot reach it.
/// </summary>
public sealed record InquirySubmitted
{
    public required Guid InquiryId { get; init; }

    /// <summary>The language of the customer's emails ("ko" or "en").</summary>
    public required string Language { get; init; }

    /// <summary>The anonymous id of the Lounge session that showed recommendations before filing, if any (deflection funnel).</summary>
    public string? RecommendationSessionId { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }
}
