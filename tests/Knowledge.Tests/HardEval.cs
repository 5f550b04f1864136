using System.Globalization;
using System.Text;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>One line of <c>eval-hard.tsv</c>: a query as customers write it, its kind, its half, and the slugs that answer it (none for off-topic text).</summary>
public sealed record HardQuery(string Kind, string Half, string Query, string[] Slugs)
{
    public const string OffTopic = "offtopic";
    public const string Tuning = "tune";
    public const string HeldOut = "held";

    public static readonly string[] Kinds = ["symptom", "rambling", "typo", "english", "prefix"];

    /// <summary>The kinds of <c>eval-unseen.tsv</c>, issue 25's set written without the vocabulary in view.</summary>
    public static readonly string[] UnseenKinds = ["paraphrase", "colloquial", "typo", "english", "prefix"];

    public bool IsOffTopic => Slugs.Length == 0;

    public static IReadOnlyList<HardQuery> Load(string file = "eval-hard.tsv") =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, file))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => new HardQuery(parts[0], parts[1], parts[2], parts[3] == "-" ? [] : parts[3].Split(" | ", StringSplitOptions.TrimEntries)))
            .ToList();
}

/// <summary>Recall@1/@3 of one kind in one half, or the show rate of the off-topic queries.</summary>
public sealed record KindScore(string Kind, string Half, int Queries, int FoundFirst, int FoundTop3)
{
    public double RecallAt1 => Queries == 0 ? 0 : (double)FoundFirst / Queries;

    public double RecallAt3 => Queries == 0 ? 0 : (double)FoundTop3 / Queries;
}

public sealed record HardEvalResult(IReadOnlyList<KindScore> Kinds, int OffTopic, int OffTopicShown, IReadOnlyList<string> Misses)
{
    public double OffTopicShowRate => OffTopic == 0 ? 0 : (double)OffTopicShown / OffTopic;

    public KindScore Score(string kind, string? half = null)
    {
        var rows = Kinds.Where(k => k.Kind == kind && (half is null || k.Half == half)).ToList();
        return new KindScore(kind, half ?? "all", rows.Sum(r => r.Queries), rows.Sum(r => r.FoundFirst), rows.Sum(r => r.FoundTop3));
    }

    /// <summary>Measures a recommender given as "text → slugs shown, best first" (what the customer would see).</summary>
    public static HardEvalResult Measure(IEnumerable<HardQuery> queries, Func<string, IReadOnlyList<string>> recommend)
    {
        var counts = new Dictionary<(string Kind, string Half), (int Queries, int First, int Top3)>();
        var (offTopic, shown) = (0, 0);
        var misses = new List<string>();
        foreach (var query in queries)
        {
            var slugs = recommend(query.Query);
            if (query.IsOffTopic)
            {
                offTopic++;
                if (slugs.Count > 0)
                {
                    shown++;
                    misses.Add($"[offtopic/{query.Half}] {query.Query} → shown {string.Join(", ", slugs.Take(3))}");
                }

                continue;
            }

            var first = slugs.Count > 0 && query.Slugs.Contains(slugs[0]);
            var top3 = slugs.Take(3).Any(query.Slugs.Contains);
            var key = (query.Kind, query.Half);
            var (n, f, t) = counts.GetValueOrDefault(key);
            counts[key] = (n + 1, f + (first ? 1 : 0), t + (top3 ? 1 : 0));
            if (!top3)
            {
                misses.Add($"[{query.Kind}/{query.Half}] {query.Query} → [{string.Join(", ", slugs.Take(3))}], expected {string.Join(" | ", query.Slugs)}");
            }
        }

        var kinds = counts.Select(c => new KindScore(c.Key.Kind, c.Key.Half, c.Value.Queries, c.Value.First, c.Value.Top3))
            .OrderBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Half, StringComparer.Ordinal)
            .ToList();
        return new HardEvalResult(kinds, offTopic, shown, misses);
    }

    /// <summary>The Markdown table docs/search-quality.md carries.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("| kind | tuning half: recall@1 / recall@3 (n) | held-out half: recall@1 / recall@3 (n) | all: recall@3 |");
        text.AppendLine("|---|---|---|---|");
        foreach (var kind in HardQuery.Kinds)
        {
            var (tune, held, all) = (Score(kind, HardQuery.Tuning), Score(kind, HardQuery.HeldOut), Score(kind));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {tune.RecallAt1:0.00} / {tune.RecallAt3:0.00} ({tune.Queries}) | {held.RecallAt1:0.00} / {held.RecallAt3:0.00} ({held.Queries}) | {all.RecallAt3:0.00} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| off-topic shown | | | {OffTopicShown} of {OffTopic} = {OffTopicShowRate:0.00} |");
        return text.ToString();
    }

    /// <summary>The table for a set that is only reported, without halves.</summary>
    public string UnseenTable()
    {
        var text = new StringBuilder();
        text.AppendLine("| kind | n | recall@1 | recall@3 |");
        text.AppendLine("|---|---|---|---|");
        foreach (var kind in HardQuery.UnseenKinds)
        {
            var score = Score(kind);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {score.Queries} | {score.RecallAt1:0.00} | {score.RecallAt3:0.00} |");
        }

        var all = Kinds.Aggregate((Queries: 0, First: 0, Top3: 0), (sum, k) => (sum.Queries + k.Queries, sum.First + k.FoundFirst, sum.Top3 + k.FoundTop3));
        text.AppendLine(CultureInfo.InvariantCulture, $"| all | {all.Queries} | {(double)all.First / all.Queries:0.00} | {(double)all.Top3 / all.Queries:0.00} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| off-topic shown | {OffTopic} | | {OffTopicShown} of {OffTopic} = {OffTopicShowRate:0.00} |");
        return text.ToString();
    }
}
