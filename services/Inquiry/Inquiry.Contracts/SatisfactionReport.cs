namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// Satisfaction ratings (고객 만족도) given from <see cref="From"/> to <see cref="To"/> (days in
/// Korea, both included), overall, per Korean ISO week (every week of the period, empty ones
/// included, oldest first), per agent the rating counts for (who answered last; null when no agent
/// had replied) and per category (a Knowledge category slug; null when none was set). A changed
/// rating counts once, in the week it was last given. Scores only, never comments.
/// </summary>
public sealed record SatisfactionReport(
    DateOnly From,
    DateOnly To,
    SatisfactionFigures Overall,
    IReadOnlyList<WeeklySatisfaction> Weeks,
    IReadOnlyList<AgentSatisfaction> Agents,
    IReadOnlyList<CategorySatisfaction> Categories);

/// <summary>
/// How many ratings, their average (two decimals; null without ratings) and how many gave each
/// score: <see cref="ScoreCounts"/>[0] is the count of 1s, [4] of 5s.
/// </summary>
public sealed record SatisfactionFigures(int Ratings, double? AverageScore, IReadOnlyList<int> ScoreCounts);

/// <summary>One Korean ISO week (<c>2026-W49</c>) and its Monday.</summary>
public sealed record WeeklySatisfaction(string Week, DateOnly Monday, SatisfactionFigures Figures);

public sealed record AgentSatisfaction(Guid? AgentId, string? AgentName, SatisfactionFigures Figures);

public sealed record CategorySatisfaction(string? Category, SatisfactionFigures Figures);

/// <summary>The customer's rating on the desk's inquiry page; the comment is opened for agents only.</summary>
public sealed record SatisfactionView(int Score, string? Comment, DateTimeOffset RatedAt);
