using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.ServiceDefaults.Reporting;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.Rating;

/// <summary>
/// Ratings for the desk's operations view, from the ratings read model (it may lag the streams by a
/// moment): overall, per week, per agent and per category over a period of Korean dates
/// (<c>from</c>, <c>to</c>; by default the current week and the seven before it).
/// </summary>
public static class ReportSatisfaction
{
    public static RouteGroupBuilder MapSatisfactionReport(this RouteGroupBuilder agent)
    {
        agent.MapGet("/satisfaction", Handle)
            .WithName("ReportSatisfaction")
            .WithSummary("Satisfaction ratings given from `from` to `to` (yyyy-MM-dd, Korean days, both included, at most 371 days; default: the last 8 Korean ISO weeks): overall, per week, per agent and per category, each with count, average and the count of each score 1–5.");
        return agent;
    }

    private static async Task<Results<Ok<SatisfactionReport>, ValidationProblem>> Handle(
        string? from, string? to, IDocumentStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (ReportPeriod.Read(from, to, time.GetUtcNow(), errors) is not { } period)
        {
            return errors.ToProblem();
        }

        var (start, end) = (period.Start, period.End);
        await using var session = store.QuerySession();
        var ratings = await session.Query<SatisfactionRating>().Where(r => r.RatedAt >= start && r.RatedAt < end).ToListAsync(cancellationToken);
        return TypedResults.Ok(Report(period, ratings));
    }

    /// <summary>The report of the ratings given in the period: agents by name and categories by slug, the unnamed last.</summary>
    public static SatisfactionReport Report(ReportPeriod period, IReadOnlyCollection<SatisfactionRating> ratings)
    {
        var byWeek = ratings.ToLookup(r => r.Week, StringComparer.Ordinal);
        return new SatisfactionReport(
            period.From,
            period.To,
            Figures(ratings),
            [.. period.Weeks().Select(w => new WeeklySatisfaction(w.Week, w.Monday, Figures([.. byWeek[w.Week]])))],
            [.. ratings.GroupBy(r => r.AgentId)
                .Select(g => new AgentSatisfaction(g.Key, g.MaxBy(r => r.RatedAt)!.AgentName, Figures([.. g])))
                .OrderBy(a => a.AgentName is null)
                .ThenBy(a => a.AgentName, StringComparer.Ordinal)],
            [.. ratings.GroupBy(r => r.Category)
                .Select(g => new CategorySatisfaction(g.Key, Figures([.. g])))
                .OrderBy(c => c.Category is null)
                .ThenBy(c => c.Category, StringComparer.Ordinal)]);
    }

    public static SatisfactionFigures Figures(IReadOnlyCollection<SatisfactionRating> ratings) => new(
        ratings.Count,
        ratings.Count == 0 ? null : Math.Round(ratings.Average(r => r.Score), 2),
        [.. Enumerable.Range(Satisfaction.MinScore, Satisfaction.MaxScore - Satisfaction.MinScore + 1).Select(score => ratings.Count(r => r.Score == score))]);
}
