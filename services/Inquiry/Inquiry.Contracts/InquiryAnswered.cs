namespace SupportPlatform.Inquiry.Contracts;

/// <summary>An agent replied to the customer (internal notes never produce this).</summary>
public sealed record InquiryAnswered
{
    public required Guid InquiryId { get; init; }

    /// <summary>Identifies this reply; one email per reply.</summary>
    public required Guid ReplyId { get; init; }

    public required string Email { get; init; }

    public required string Summary { get; init; }

    public required string AccessToken { get; init; }

    public required string Language { get; init; }

    public required string AgentName { get; init; }

    /// <summary>The reply as the agent wrote it (Markdown; render as text, never raw HTML).</summary>
    public required string Body { get; init; }

    public required DateTimeOffset AnsweredAt { get; init; }
}
