using SupportPlatform.Knowledge.Searching;

namespace SupportPlatform.Knowledge.Recommending;

/// <summary>
/// What <c>GET /api/recommendations</c> returns per article. The first five fields are the
/// contract front ends rely on; <see cref="Highlights"/> (where the snippet matches) and
/// <see cref="MatchedTerms"/> (why the article was chosen) were added after, never renamed.
/// </summary>
public sealed record Recommendation(string Slug, string Title, string Category, string Snippet, double Score, IReadOnlyList<Highlight> Highlights, IReadOnlyList<string> MatchedTerms);

/// <summary>How search results become recommendations and when a text counts as unanswered. Pure.</summary>
public static class Recommendations
{
    // The cut-off, chosen on the tuning half of tests/Knowledge.Tests/eval-hard.tsv by the sweep in
    // ChoosingTheCutOff (docs/search-quality.md): the most recall on every kind of query while
    // off-topic text shows something at most one time in ten.

    /// <summary>Below this much informative matter found, nothing is worth showing.</summary>
    public const double MinimumEvidence = 0.7;

    /// <summary>With the minimum evidence, at least this share of the query must be found...</summary>
    public const double MinimumCoverage = 0.7;

    /// <summary>...unless this much informative matter is found (long texts: most of their words are politeness).</summary>
    public const double ConfidentEvidence = 1.0;

    /// <summary>And always this much of it in the title or the concepts pointing at the article.</summary>
    public const double MinimumTitleEvidence = 0.7;

    /// <summary>An inquiry whose best article covers less than this of its summary is a knowledge gap.</summary>
    public const double GapCoverage = 0.5;

    public const int MaxTextLength = 500;
    public const int MaxLimit = 20;

    public const int DefaultLimit = 5;

    public static IReadOnlyList<SearchHit> Find(SearchIndex index, string? text, int limit) =>
        Find(index, text, limit, new CutOff(MinimumEvidence, MinimumCoverage, ConfidentEvidence, MinimumTitleEvidence));

    public static IReadOnlyList<SearchHit> Find(SearchIndex index, string? text, int limit, CutOff cutOff) =>
        index.Recommend(text, limit).Where(cutOff.Shows).ToList();

    public static Recommendation ToRecommendation(SearchHit hit)
    {
        var (snippet, highlights) = Snippets.Best(hit.Article.PlainBody, hit.Matched);
        return new(hit.Article.Slug, hit.Article.Title, hit.Article.CategoryName, snippet, hit.Score, highlights, hit.Matched);
    }

    public static bool IsGap(IReadOnlyList<SearchHit> hits) => hits.Count == 0 || hits[0].Coverage < GapCoverage;
}

/// <summary>The rule that decides whether a candidate is worth showing.</summary>
public sealed record CutOff(double MinimumEvidence, double MinimumCoverage, double ConfidentEvidence, double MinimumTitleEvidence)
{
    public bool Shows(SearchHit hit) =>
        hit.Evidence >= MinimumEvidence && hit.TitleEvidence >= MinimumTitleEvidence
        && (hit.Coverage >= MinimumCoverage || hit.Evidence >= ConfidentEvidence);
}
