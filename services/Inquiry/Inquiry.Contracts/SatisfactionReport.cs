namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// Satisfaction ratings counted per Korean ISO week (<c>2026-W49</c>) and per agent the rating was
/// counted for (who answered last; null when no agent had replied). Scores only, never comments.
/// </summary>
public sealed record SatisfactionReport(IReadOnlyList<SatisfactionGroup> Groups);

public sealed record SatisfactionGroup(string Week, Guid? AgentId, string? AgentName, int Ratings, double AverageScore);

/// <summary>The customer's rating on the desk's inquiry page; the comment is opened for agents only.</summary>
public sealed record SatisfactionView(int Score, string? Comment, DateTimeOffset RatedAt);
