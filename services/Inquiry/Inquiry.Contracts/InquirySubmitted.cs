namespace SupportPlatform.Inquiry.Contracts;

/// <summary>A customer filed an inquiry. Carries what the receipt email and the knowledge suggestions need, not the details.</summary>
public sealed record InquirySubmitted
{
    public required Guid InquiryId { get; init; }

    /// <summary>Where the receipt goes.</summary>
    public required string Email { get; init; }

    public required string CompanyName { get; init; }

    /// <summary>The customer's one-line summary (문의 요약).</summary>
    public required string Summary { get; init; }

    /// <summary>The secret of the customer's private link; the link is the Lounge's <c>/inquiries/{InquiryId}?token=…</c>.</summary>
    public required string AccessToken { get; init; }

    /// <summary>The language of the customer's emails ("ko" or "en").</summary>
    public required string Language { get; init; }

    /// <summary>The anonymous id of the Lounge session that showed recommendations before filing, if any (deflection funnel).</summary>
    public string? RecommendationSessionId { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }
}
