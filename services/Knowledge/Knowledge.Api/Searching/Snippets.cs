namespace SupportPlatform.Knowledge.Searching;

/// <summary>A highlighted stretch of the snippet: <paramref name="Start"/> and <paramref name="Length"/> in UTF-16 code units.</summary>
public sealed record Highlight(int Start, int Length);

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
