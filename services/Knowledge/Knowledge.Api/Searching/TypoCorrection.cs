using System.Text;

namespace SupportPlatform.Knowledge.Searching;

/// <summary>
/// Nearest known words for a word the index does not have. Hangul is compared jamo by jamo after
/// folding the slips that sound alike (ㅐ/ㅔ, 되/돼/뒈, final ㅆ/ㅅ and ㄲ/ㄱ), so "랜섬웨이" finds
/// "랜섬웨어" at one jamo (two-syllable words only by folding: "매일" → "메일"); Latin words allow one
/// edit up to five letters ("mnay") and two beyond ("quarentien"). Lookups use deletion
/// neighbourhoods (SymSpell), so a query costs a few dictionary probes however large the vocabulary.
/// The examples come from the tuning half of eval-hard.tsv or are made up, never from the held-out
/// half (docs/search-quality.md).
/// </summary>
public sealed class TypoCorrection
{
    private readonly Dictionary<string, List<string>> byDeletion = new(StringComparer.Ordinal);

    private readonly TypoCorrection? earlier;

    public TypoCorrection(IEnumerable<string> words, TypoCorrection? earlier = null)
    {
        this.earlier = earlier;
        foreach (var word in words)
        {
            if (!Eligible(word))
            {
                continue;
            }

            var key = Fold(word);
            foreach (var deletion in Deletions(key, MaxDistance(word)))
            {
                if (!byDeletion.TryGetValue(deletion, out var list))
                {
                    byDeletion[deletion] = list = [];
                }

                list.Add(word);
            }
        }
    }

    /// <summary>This vocabulary and some new words, sharing this one's tables (words that left the catalogue simply find no postings).</summary>
    public TypoCorrection With(IReadOnlyCollection<string> words) => words.Count == 0 ? this : new TypoCorrection(words, this);

    /// <summary>Known words within reach of <paramref name="word"/>, nearest first (at most three).</summary>
    public IReadOnlyList<string> Candidates(string word)
    {
        if (!Eligible(word))
        {
            return [];
        }

        var key = Fold(word);
        var max = MaxDistance(word);
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var deletion in Deletions(key, max))
        {
            for (var layer = this; layer is not null; layer = layer.earlier)
            {
                if (layer.byDeletion.TryGetValue(deletion, out var list))
                {
                    Collect(list);
                }
            }
        }

        return found.OrderBy(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).Take(3).Select(f => f.Key).ToList();

        void Collect(List<string> list)
        {
            foreach (var candidate in list)
            {
                if (candidate != word && !found.ContainsKey(candidate))
                {
                    var distance = Distance(key, Fold(candidate), max);
                    if (distance <= Math.Min(max, MaxDistance(candidate)))
                    {
                        found[candidate] = distance;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Words of 2–<see cref="MaxWordLength"/> syllables or 4–<see cref="MaxWordLength"/> letters. Longer ones
    /// are no slips of a typist (the longest domain words have about a dozen), and a deletion
    /// neighbourhood grows with the square of the length: a 10,000-syllable "word" in an article
    /// once took 800 MB.
    /// </summary>
    private static bool Eligible(string word) =>
        word.Length <= MaxWordLength && !word.Any(char.IsAsciiDigit) && (word.Any(KoreanText.IsHangulSyllable) ? word.Length >= 2 : word.Length >= 4);

    public const int MaxWordLength = 24;

    /// <summary>Two syllables leave too little to tell a slip from another word ("나가" is one jamo from "누가"): only sound-alike folding.</summary>
    private static int MaxDistance(string word) => word.Any(KoreanText.IsHangulSyllable)
        ? (word.Length <= 2 ? 0 : 1)
        : (word.Length <= 5 ? 1 : 2);

    /// <summary>Hangul as jamo with sound-alike slips folded; anything else unchanged.</summary>
    public static string Fold(string word)
    {
        var text = new StringBuilder(word.Length * 3);
        foreach (var c in word)
        {
            if (!KoreanText.IsHangulSyllable(c))
            {
                text.Append(c);
                continue;
            }

            var code = c - 0xAC00;
            var (initial, medial, final) = (code / 588, code % 588 / 28, code % 28);
            medial = medial switch
            {
                1 => 5, // ㅐ → ㅔ
                3 => 7, // ㅒ → ㅖ
                10 or 15 => 11, // ㅙ, ㅞ → ㅚ (되/돼/뒈)
                _ => medial,
            };
            final = final switch
            {
                20 => 19, // ㅆ → ㅅ
                2 => 1, // ㄲ → ㄱ
                _ => final,
            };
            text.Append((char)(0x1100 + initial)).Append((char)(0x1161 + medial));
            if (final > 0)
            {
                text.Append((char)(0x11A7 + final));
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Deletions(string key, int depth)
    {
        var level = new HashSet<string>(StringComparer.Ordinal) { key };
        var all = new HashSet<string>(level, StringComparer.Ordinal);
        for (var d = 0; d < depth; d++)
        {
            var next = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in level)
            {
                for (var i = 0; i < s.Length; i++)
                {
                    next.Add(s.Remove(i, 1));
                }
            }

            all.UnionWith(next);
            level = next;
        }

        return all;
    }

    /// <summary>Optimal-string-alignment distance (adjacent swaps count one), giving up above <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
