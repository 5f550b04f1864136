using System.Globalization;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using SupportPlatform.Inquiry.Domain;

namespace SupportPlatform.Inquiry.Inquiries.Rating;

/// <summary>
/// One inquiry's current rating, for counting: the score, the agent it counts for and the Korean
/// ISO week it was (last) given in. No comment and nothing personal; deleted with the inquiry when
/// it is purged.
/// </summary>
public sealed record SatisfactionRating(Guid Id, int Score, Guid? AgentId, string? AgentName, string Week, DateTimeOffset RatedAt);

/// <summary>The ratings read model (<c>mt_doc_satisfaction</c>), kept by Marten's daemon from the inquiry streams.</summary>
public sealed class SatisfactionProjection : SingleStreamProjection<SatisfactionRating, Guid>
{
    public const string ProjectionName = "satisfaction";

    private static readonly TimeSpan KoreanOffset = TimeSpan.FromHours(9);

    public SatisfactionProjection() => Name = ProjectionName;

    public static void Map(StoreOptions options) =>
        options.Schema.For<SatisfactionRating>()
            .DocumentAlias("satisfaction")
            .Duplicate(r => r.Week)
            .Duplicate(r => r.RatedAt);

    public override SatisfactionRating? Evolve(SatisfactionRating? snapshot, Guid id, IEvent e) => e.Data switch
    {
        InquiryRated rated => new SatisfactionRating(id, rated.Score, rated.AgentId, rated.AgentName, WeekOf(rated.RatedAt), rated.RatedAt),
        _ => snapshot,
    };

    /// <summary>The ISO week of the moment in Korea, e.g. <c>2026-W49</c>: weeks start on Monday 00:00 KST.</summary>
    public static string WeekOf(DateTimeOffset at)
    {
        var day = at.ToOffset(KoreanOffset).DateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
    }
}
