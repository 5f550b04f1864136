using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.Rating;

/// <summary>
/// Ratings for the operations view: per week and agent, from the read model (it may lag the
/// streams by a moment). <c>weeks</c> (1–53, default 8) counts back from the current week.
/// </summary>
public static class ReportSatisfaction
{
    public const int DefaultWeeks = 8;

    public static RouteGroupBuilder MapSatisfactionReport(this RouteGroupBuilder agent)
    {
        agent.MapGet("/satisfaction", Handle)
            .WithName("ReportSatisfaction")
            .WithSummary("Satisfaction ratings per Korean ISO week and agent over the last `weeks` weeks (1–53, default 8): count and average score.");
        return agent;
    }

    private static async Task<Results<Ok<SatisfactionReport>, ValidationProblem>> Handle(
        int? weeks, IDocumentStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (weeks is < 1 or > 53)
        {
            return FieldErrors.Problem("weeks", "Give 1 to 53 weeks.");
        }

        var since = time.GetUtcNow().AddDays(-7 * (weeks ?? DefaultWeeks));
        await using var session = store.QuerySession();
        var ratings = await session.Query<SatisfactionRating>().Where(r => r.RatedAt >= since).ToListAsync(cancellationToken);
        return TypedResults.Ok(new SatisfactionReport([.. Group(ratings)]));
    }

    /// <summary>Per week (newest first) and agent: how many ratings and their average.</summary>
    public static IEnumerable<SatisfactionGroup> Group(IEnumerable<SatisfactionRating> ratings) =>
        ratings
            .GroupBy(r => (r.Week, r.AgentId))
            .Select(g => new SatisfactionGroup(g.Key.Week, g.Key.AgentId, g.OrderBy(r => r.RatedAt).Last().AgentName, g.Count(), Math.Round(g.Average(r => r.Score), 2)))
            .OrderByDescending(g => g.Week, StringComparer.Ordinal)
            .ThenBy(g => g.AgentName, StringComparer.Ordinal);
}
