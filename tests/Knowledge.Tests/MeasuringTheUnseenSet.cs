using SupportPlatform.Knowledge.Recommending;
using SupportPlatform.Knowledge.Seeding;
using Xunit;
using Xunit.Abstractions;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>
/// Issue 25's set (<c>eval-unseen.tsv</c>), written from the articles alone before any tuning. It is
/// reported in docs/search-quality.md and never used to choose weights, rules or the cut-off.
/// </summary>
public sealed class MeasuringTheUnseenSet(ITestOutputHelper output)
{
    private static readonly Searching.SearchIndex Index = SeedIndex.Build();

    private static IReadOnlyList<string> Recommend(string text) =>
        Recommendations.Show(Index, text, Recommendations.DefaultLimit).Hits.Select(hit => hit.Article.Slug).ToList();

    [Fact]
    public void The_set_names_only_shipped_articles_and_has_every_kind()
    {
        var queries = HardQuery.Load("eval-unseen.tsv");
        var slugs = SeedArticles.Shipped().Select(seed => seed.Slug).ToHashSet();

        Assert.True(queries.Count >= 100, $"{queries.Count} queries");
        Assert.All(queries.SelectMany(q => q.Slugs), slug => Assert.Contains(slug, slugs));
        Assert.All(HardQuery.UnseenKinds, kind => Assert.True(queries.Count(q => q.Kind == kind) >= 15, kind));
        Assert.True(queries.Count(q => q.IsOffTopic) >= 15);
    }

    [Fact]
    public void Recall_per_kind_and_the_off_topic_show_rate()
    {
        var result = HardEvalResult.Measure(HardQuery.Load("eval-unseen.tsv"), Recommend);
        output.WriteLine(result.UnseenTable());
        result.Misses.ToList().ForEach(output.WriteLine);

        Assert.NotEmpty(result.Kinds);
    }
}
