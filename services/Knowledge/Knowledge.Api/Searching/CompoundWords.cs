namespace SupportPlatform.Knowledge.Searching;

/// <summary>
/// Korean compounds written as one word ("대량메일발송", "스팸서버설정") split into words the catalogue
/// knows, so each part counts as the word it is rather than as loose syllable pairs. The split with
/// the fewest parts wins; every part has at least two syllables, so particles and stray syllables
/// are never taken for words. Pure: what counts as known is passed in.
/// </summary>
public static class CompoundWords
{
    public const int MinimumPart = 2;

    /// <summary>The parts of <paramref name="word"/>, or empty when it is not a compound of known words.</summary>
    public static IReadOnlyList<string> Split(string word, Func<string, bool> known)
    {
        if (word.Length < MinimumPart * 2 || !word.All(KoreanText.IsHangulSyllable))
        {
            return [];
        }

        // fewest[i]: the fewest known parts that make up word[..i], and where the last one starts.
        var fewest = new int[word.Length + 1];
        var from = new int[word.Length + 1];
        Array.Fill(fewest, int.MaxValue);
        fewest[0] = 0;
        for (var end = MinimumPart; end <= word.Length; end++)
        {
            for (var start = end - MinimumPart; start >= 0; start--)
            {
                if (fewest[start] != int.MaxValue && fewest[start] + 1 < fewest[end] && known(word[start..end]))
                {
                    fewest[end] = fewest[start] + 1;
                    from[end] = start;
                }
            }
        }

        if (fewest[word.Length] is int.MaxValue or < 2)
        {
            return [];
        }

        var parts = new List<string>();
        for (var end = word.Length; end > 0; end = from[end])
        {
            parts.Add(word[from[end]..end]);
        }

        parts.Reverse();
        return parts;
    }
}
