namespace SupportPlatform.Knowledge.Searching;

/// <summary>
/// Korean compounds written as one word ("대량메일발송", "스팸서버설정") split into words the catalogue
/// knows, so each part counts as the word it is rather than as loose syllable pairs. The split with
/// the fewest parts wins; every part has at least two syllables, so particles and stray syllables
/// are never taken for words. A part may be a misspelling of a known word ("타시스탬" → 타 시스템):
/// the caller's resolver says which word a written part stands for. Pure: what counts as known is
/// passed in.
/// </summary>
public static class CompoundWords
{
    public const int MinimumPart = 2;

    /// <summary>The parts of <paramref name="word"/>, or empty when it is not a compound of known words.</summary>
    public static IReadOnlyList<string> Split(string word, Func<string, bool> known) =>
        Split(word, part => known(part) ? part : null);

    /// <summary>
    /// The known words <paramref name="word"/> is made of, or empty when it is not such a compound.
    /// </summary>
    /// <param name="resolve">The known word a written part stands for (itself, or its correction), or null.</param>
    /// <param name="leads">
    /// Whether the first syllable may stand alone before the rest (a prefix such as 타 in 타시스템), given
    /// the two syllables where it meets the next known word. Such a part comes back as its one syllable.
    /// </param>
    public static IReadOnlyList<string> Split(string word, Func<string, string?> resolve, Func<string, bool>? leads = null)
    {
        if (word.Length < MinimumPart + 1 || !word.All(KoreanText.IsHangulSyllable))
        {
            return [];
        }

        if (Fewest(word, resolve) is { Count: >= 2 } parts)
        {
            return parts;
        }

        return leads is not null && Fewest(word[1..], resolve) is { } rest && leads($"{word[0]}{rest[0][0]}")
            ? [word[..1], .. rest]
            : [];
    }

    /// <summary>The fewest known parts <paramref name="word"/> is made of, as the words they resolve to; null if none.</summary>
    private static List<string>? Fewest(string word, Func<string, string?> resolve)
    {
        // fewest[i]: the fewest parts that make up word[..i], where the last one starts, and what it resolves to.
        var fewest = new int[word.Length + 1];
        var from = new int[word.Length + 1];
        var resolved = new string?[word.Length + 1];
        Array.Fill(fewest, int.MaxValue);
        fewest[0] = 0;
        for (var end = MinimumPart; end <= word.Length; end++)
        {
            for (var start = end - MinimumPart; start >= 0; start--)
            {
                if (fewest[start] != int.MaxValue && fewest[start] + 1 < fewest[end] && resolve(word[start..end]) is { } part)
                {
                    (fewest[end], from[end], resolved[end]) = (fewest[start] + 1, start, part);
                }
            }
        }

        if (fewest[word.Length] == int.MaxValue)
        {
            return null;
        }

        var parts = new List<string>();
        for (var end = word.Length; end > 0; end = from[end])
        {
            parts.Add(resolved[end]!);
        }

        parts.Reverse();
        return parts;
    }
}
