using SupportPlatform.Knowledge.Searching;

namespace SupportPlatform.Knowledge.Recommending;

public sealed record Recommendation(string Slug, string Title, string Category, string Snippet, double Score);

/// <summary>How search results become recommendations and when a text counts as unanswered. Pure.</summary>
public static class Recommendations
{
    /// <summary>Below this share of the query found in an article, it is not worth showing.</summary>
    public const double MinimumCoverage = 0.3;

    /// <summary>An inquiry whose best article covers less than this of its summary is a knowledge gap.</summary>
    public const double GapCoverage = 0.5;

    public const int MaxTextLength = 500;
    public const int MaxLimit = 20;

    public const int DefaultLimit = 5;

    public static IReadOnlyList<SearchHit> Find(SearchIndex index, string? text, int limit) =>
        index.Search(text, limit, MinimumCoverage).Hits;

    public static Recommendation ToRecommendation(SearchHit hit, string? text) => new(
        hit.Article.Slug,
        hit.Article.Title,
        hit.Article.CategoryName,
        SearchIndex.Snippet(hit.Article, text),
        hit.Score);

    public static bool IsGap(IReadOnlyList<SearchHit> hits) => hits.Count == 0 || hits[0].Coverage < GapCoverage;
}
