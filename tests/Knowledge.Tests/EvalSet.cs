namespace SupportPlatform.Knowledge.Tests;

/// <summary>The public recall@3 set: a query, and title parts of which any one must appear in the top 3.</summary>
public sealed record EvalQuery(string Query, string[] Expected)
{
    public static IReadOnlyList<EvalQuery> Public() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "eval-public.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => new EvalQuery(parts[0], parts[1].Split(" | ", StringSplitOptions.TrimEntries)))
            .ToList();

    public bool IsAnsweredBy(IEnumerable<string> topTitles) =>
        topTitles.Any(title => Expected.Any(part => title.Contains(part, StringComparison.Ordinal)));
}
