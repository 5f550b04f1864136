using System.Text;

namespace SupportPlatform.Knowledge.Searching;

/// <summary>
/// One concept of the product's world: the ways customers say it (Korean, English, colloquial, SMTP
/// reply codes and error phrases) and, optionally, the articles that explain it.
/// </summary>
public sealed record Concept(string Key, IReadOnlyList<string> Phrases, IReadOnlyList<string> Articles);

/// <summary>
/// The concept table as search applies it. At index time every article a concept points at gets the
/// concept's own term; at query time a phrase found in the text turns into that term plus the
/// words of every other phrase of the concept (so "메일이 되돌아와요" also looks for 반송 and bounce).
/// Pure and immutable: a staff edit builds a new one.
/// </summary>
public sealed class DomainVocabulary
{
    private readonly (Concept Concept, string Needle, bool Hangul)[] needles;
    private readonly Dictionary<string, string[]> expansions;

    public DomainVocabulary(IEnumerable<Concept> concepts)
    {
        Concepts = concepts.ToList();
        needles = Concepts
            .SelectMany(c => c.Phrases.Select(p => (Concept: c, Phrase: KoreanText.Normalize(p))))
            .Where(p => p.Phrase.Length > 0)
            .Select(p => p.Phrase.Any(KoreanText.IsHangulSyllable)
                ? (p.Concept, p.Phrase.Replace(" ", string.Empty, StringComparison.Ordinal), true)
                : (p.Concept, " " + p.Phrase, false))
            // Longest first, so a long phrase claims its words before a shorter one inside it.
            .OrderByDescending(n => n.Item2.Length)
            .ToArray();
        expansions = Concepts.ToDictionary(
            c => c.Key,
            c => c.Phrases
                .SelectMany(p => KoreanText.Analyze(p, AnalysisMode.Document))
                .Where(t => t.Kind == TermKind.Word)
                .Select(t => t.Text)
                .Distinct(StringComparer.Ordinal)
                .ToArray(),
            StringComparer.Ordinal);
        Pins = Concepts
            .SelectMany(c => c.Articles.Select(slug => (slug, c.Key)))
            .GroupBy(p => p.slug, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Key).Distinct().ToArray(), StringComparer.Ordinal);
    }

    public static DomainVocabulary Empty { get; } = new([]);

    public IReadOnlyList<Concept> Concepts { get; }

    /// <summary>Article slug → keys of the concepts that point at it.</summary>
    public IReadOnlyDictionary<string, string[]> Pins { get; }

    public static string TermKey(string conceptKey) => "c:" + conceptKey;

    /// <summary>The words of all phrases of a concept (analysed as documents are), for query expansion.</summary>
    public IReadOnlyList<string> ExpansionWords(string conceptKey) => expansions.GetValueOrDefault(conceptKey) ?? [];

    /// <summary>The concepts a text mentions, each with the phrase found (normalised).</summary>
    /// <param name="openWord">The word still being typed, if any: a phrase that starts with it counts too ("슈퍼" → 슈퍼화이트).</param>
    /// <param name="knownWord">Whether a word is a whole word of the catalogue: such an open word only completes to concepts that point at articles.</param>
    public List<(Concept Concept, string Phrase)> Match(string? text, string? openWord = null, Func<string, bool>? knownWord = null)
    {
        if (openWord is not null && Vocabulary.KoreanStopWords.Contains(openWord))
        {
            openWord = null;
        }

        var openIsKnown = openWord is not null && knownWord?.Invoke(openWord) == true;
        var prefix = openWord is null ? null
            : openWord.Any(KoreanText.IsHangulSyllable) ? (openWord.Length >= 2 ? openWord : null)
            : openWord.Length >= 3 ? " " + openWord : null;
        var found = new List<(Concept, string)>();
        var normalized = KoreanText.Normalize(text);
        if (normalized.Length == 0)
        {
            return found;
        }

        var spaced = new StringBuilder(" ").Append(normalized).Append(' ').ToString();
        var compact = normalized.Replace(" ", string.Empty, StringComparison.Ordinal);
        var tails = openWord is null ? [] : Tails(normalized);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (concept, needle, hangul) in needles)
        {
            if (seen.Contains(concept.Key))
            {
                continue;
            }

            // The last words still being typed, each short ("타 시스", "super wh"), may begin a phrase together.
            if (concept.Articles.Count > 0 && tails.Any(tail => tail.Hangul == hangul && needle.Length > tail.Text.Length && needle.StartsWith(tail.Text, StringComparison.Ordinal)))
            {
                seen.Add(concept.Key);
                found.Add((concept, hangul ? needle : needle.Trim()));
                continue;
            }

            if (prefix is not null && (!openIsKnown || concept.Articles.Count > 0) && needle.Length > prefix.Length && needle.StartsWith(prefix, StringComparison.Ordinal)
                && (hangul ? compact.EndsWith(prefix, StringComparison.Ordinal) : spaced.EndsWith(prefix + " ", StringComparison.Ordinal)))
            {
                seen.Add(concept.Key);
                found.Add((concept, hangul ? needle : needle.Trim()));
                continue;
            }

            var index = hangul ? compact.IndexOf(needle, StringComparison.Ordinal) : spaced.IndexOf(needle, StringComparison.Ordinal);
            // Latin phrases start at a word boundary; short ones ("sso", "tmw") must also end at one.
            if (index < 0 || (!hangul && needle.Length <= 5 && char.IsLetterOrDigit(spaced[index + needle.Length])))
            {
                continue;
            }

            seen.Add(concept.Key);
            found.Add((concept, hangul ? needle : needle.Trim()));
        }

        return found;
    }

    /// <summary>
    /// The text's last two and three words, as the needles are written (Hangul without spaces, Latin
    /// from a word boundary), when they hold enough to name a phrase: three syllables, or five letters.
    /// </summary>
    private static List<(string Text, bool Hangul)> Tails(string normalized)
    {
        var words = normalized.Split(' ');
        var tails = new List<(string, bool)>();
        for (var count = 2; count <= Math.Min(3, words.Length); count++)
        {
            var last = words[^count..];
            var hangul = last.Any(word => word.Any(KoreanText.IsHangulSyllable));
            var text = hangul ? string.Concat(last) : " " + string.Join(' ', last);
            if (text.Trim().Length >= (hangul ? 3 : 6))
            {
                tails.Add((text, hangul));
            }
        }

        return tails;
    }

    /// <summary>Parses the shipped table (<c>Seed/vocabulary.tsv</c>): concept, phrases, articles.</summary>
    public static IReadOnlyList<Concept> Parse(string tsv) =>
        tsv.Replace("\r\n", "\n", StringComparison.Ordinal).Normalize(NormalizationForm.FormC).Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => new Concept(
                parts[0].Trim(),
                parts[1].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                parts.Length > 2 ? parts[2].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : []))
            .ToList();

    public static IReadOnlyList<Concept> Shipped()
    {
        using var stream = typeof(DomainVocabulary).Assembly.GetManifestResourceStream("seed-vocabulary.tsv")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }
}
