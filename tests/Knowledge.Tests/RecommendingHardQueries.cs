using SupportPlatform.Knowledge.Recommending;
using Xunit;
using Xunit.Abstractions;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>
/// Recall on <c>eval-hard.tsv</c> (customers' own wording), per kind and half, and how often
/// anything is shown for off-topic text. The floors are what docs/search-quality.md reports,
/// rounded down, so a change that loses quality fails here.
/// </summary>
public sealed class RecommendingHardQueries(ITestOutputHelper output)
{
    private static readonly Searching.SearchIndex Index = SeedIndex.Build();

    private static IReadOnlyList<string> Recommend(string text) =>
        Recommendations.Show(Index, text, Recommendations.DefaultLimit).Hits.Select(hit => hit.Article.Slug).ToList();

    [Fact]
    public void Every_kind_finds_its_article_in_the_top_3_and_off_topic_text_shows_almost_nothing()
    {
        var queries = HardQuery.Load();
        var result = HardEvalResult.Measure(queries, Recommend);
        output.WriteLine(result.Table());
        result.Misses.ToList().ForEach(output.WriteLine);

        Assert.True(queries.Count(q => !q.IsOffTopic) >= 120 && queries.Count(q => q.IsOffTopic) >= 30, "the set did not load");
        foreach (var kind in HardQuery.Kinds)
        {
            Assert.True(result.Score(kind).RecallAt3 >= 0.9, $"{kind}: recall@3 {result.Score(kind).RecallAt3:0.00}\n{result.Table()}");
            Assert.True(result.Score(kind, HardQuery.HeldOut).RecallAt3 >= 0.84, $"{kind} held-out: recall@3 {result.Score(kind, HardQuery.HeldOut).RecallAt3:0.00}\n{result.Table()}");
        }

        Assert.True(result.OffTopicShowRate <= 0.1, $"off-topic shown {result.OffTopicShowRate:0.00}\n{string.Join('\n', result.Misses)}");
    }
}
