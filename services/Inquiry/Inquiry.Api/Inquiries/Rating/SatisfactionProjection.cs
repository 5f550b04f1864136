using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.ServiceDefaults.Reporting;

namespace SupportPlatform.Inquiry.Inquiries.Rating;

/// <summary>
/// One inquiry's current rating, for counting: the score, the agent it counts for, the inquiry's
/// category and the Korean ISO week it was (last) given in. No comment and nothing personal;
/// deleted with the inquiry when it is purged.
/// </summary>
public sealed record SatisfactionRating(Guid Id, int Score, Guid? AgentId, string? AgentName, string Week, DateTimeOffset RatedAt, string? Category = null);

/// <summary>The ratings read model (<c>mt_doc_satisfaction</c>), kept by Marten's daemon from the inquiry streams.</summary>
public sealed class SatisfactionProjection : SingleStreamProjection<SatisfactionRating, Guid>
{
    public const string ProjectionName = "satisfaction";

    public SatisfactionProjection() => Name = ProjectionName;

    public static void Map(StoreOptions options) =>
        options.Schema.For<SatisfactionRating>()
            .DocumentAlias("satisfaction")
            .Duplicate(r => r.Week)
            .Duplicate(r => r.RatedAt);

    public override SatisfactionRating? Evolve(SatisfactionRating? snapshot, Guid id, IEvent e) => e.Data switch
    {
        // The rating carries the category it was given under; an older rating keeps the one it had.
        InquiryRated rated => new SatisfactionRating(
            id, rated.Score, rated.AgentId, rated.AgentName, ReportPeriod.WeekOf(rated.RatedAt), rated.RatedAt, rated.Category ?? snapshot?.Category),
        // Filed again after the rating: the rating counts under the inquiry's category as it is now.
        InquiryCategorised categorised when snapshot is not null => snapshot with { Category = categorised.Category },
        _ => snapshot,
    };
}
