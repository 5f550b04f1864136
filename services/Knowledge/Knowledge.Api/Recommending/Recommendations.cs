using SupportPlatform.Knowledge.Searching;

namespace SupportPlatform.Knowledge.Recommending;

/// <summary>A highlighted stretch of the snippet: <paramref name="Start"/> and <paramref name="Length"/> in UTF-16 code units.</summary>
public sealed record Highlight(int Start, int Length);

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
    // Choosing_the_cut_off (docs/search-quality.md): the most recall on every kind of query while
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

    public static IReadOnlyList<RecommendationHit> Find(SearchIndex index, string? text, int limit) =>
        Find(index, text, limit, new CutOff(MinimumEvidence, MinimumCoverage, ConfidentEvidence, MinimumTitleEvidence));

    public static IReadOnlyList<RecommendationHit> Find(SearchIndex index, string? text, int limit, CutOff cutOff) =>
        index.Recommend(text, limit).Where(cutOff.Shows).ToList();

    public static Recommendation ToRecommendation(RecommendationHit hit)
    {
        var (snippet, highlights) = Snippets.Best(hit.Article.PlainBody, hit.Matched);
        return new(hit.Article.Slug, hit.Article.Title, hit.Article.CategoryName, snippet, hit.Score, highlights, hit.Matched);
    }

    public static bool IsGap(IReadOnlyList<RecommendationHit> hits) => hits.Count == 0 || hits[0].Coverage < GapCoverage;
}

/// <summary>The rule that decides whether a candidate is worth showing.</summary>
public sealed record CutOff(double MinimumEvidence, double MinimumCoverage, double ConfidentEvidence, double MinimumTitleEvidence)
{
    public bool Shows(RecommendationHit hit) =>
        hit.Evidence >= MinimumEvidence && hit.TitleEvidence >= MinimumTitleEvidence
        && (hit.Coverage >= MinimumCoverage || hit.Evidence >= ConfidentEvidence);
}

/// <summary>The line of an article that shows the most of what matched, with the matches marked.</summary>
public static class Snippets
{
    public static (string Snippet, IReadOnlyList<Highlight> Highlights) Best(string plainBody, IReadOnlyList<string> matched, int maxLength = 120)
    {
        var lines = plainBody.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            return (string.Empty, []);
        }

        var best = lines[0];
        var bestRanges = Ranges(best, matched);
        foreach (var line in lines.Skip(1))
        {
            var ranges = Ranges(line, matched);
            if (ranges.Count > bestRanges.Count)
            {
                (best, bestRanges) = (line, ranges);
            }
        }

        if (best.Length <= maxLength)
        {
            return (best, bestRanges);
        }

        // Keep the first match inside the cut, starting a little before it.
        var start = bestRanges.Count == 0 ? 0 : Math.Max(0, Math.Min(bestRanges[0].Start - 20, best.Length - maxLength));
        var cut = best.Substring(start, maxLength).TrimEnd();
        var prefix = start > 0 ? "…" : string.Empty;
        var shifted = bestRanges
            .Where(r => r.Start >= start && r.Start + r.Length <= start + cut.Length)
            .Select(r => new Highlight(r.Start - start + prefix.Length, r.Length))
            .ToList();
        return (prefix + cut + "…", shifted);
    }

    /// <summary>Where the matched words occur (case-insensitive), merged where they touch or overlap.</summary>
    public static List<Highlight> Ranges(string line, IReadOnlyList<string> matched)
    {
        var found = new List<(int Start, int End)>();
        foreach (var word in matched)
        {
            if (word.Length < 2)
            {
                continue;
            }

            for (var at = line.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = line.IndexOf(word, at + word.Length, StringComparison.OrdinalIgnoreCase))
            {
                found.Add((at, at + word.Length));
            }
        }

        var merged = new List<Highlight>();
        foreach (var (start, end) in found.OrderBy(f => f.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].Start + merged[^1].Length)
            {
                var last = merged[^1];
                merged[^1] = last with { Length = Math.Max(last.Start + last.Length, end) - last.Start };
            }
            else
            {
                merged.Add(new Highlight(start, end - start));
            }
        }

        return merged;
    }
}
