using System.Text;

namespace SupportPlatform.Inquiry.Inquiries.Queueing;

/// <summary>
/// The words an agent may search the queue by, cut the same way at submission and at query time:
/// NFKC, lower case, split at anything that is not a letter or digit. A Hangul run becomes its
/// syllable bigrams (Korean glues particles to words, so "랜섬웨어가" still holds every bigram of
/// "랜섬웨어"); any other word of two or more characters is kept whole. Only keyed hashes of these
/// terms are stored (<see cref="PersonalData.PersonalDataKeys.SearchTokens"/>), never the terms.
/// </summary>
public static class SearchTerms
{
    public const int MaxTermsPerText = 200;

    public static IReadOnlyList<string> Of(string? text) => Of(text, MaxTermsPerText);

    /// <summary>The first <paramref name="maxTerms"/> distinct terms of a text (a message is longer than a summary).</summary>
    public static IReadOnlyList<string> Of(string? text, int maxTerms)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var normalized = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var word = new StringBuilder();
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(rune.ToString());
                continue;
            }

            AddWord(word.ToString(), terms, seen);
            word.Clear();
        }

        AddWord(word.ToString(), terms, seen);
        return terms.Count > maxTerms ? terms[..maxTerms] : terms;
    }

    private static void AddWord(string word, List<string> terms, HashSet<string> seen)
    {
        // Split the word into Hangul and non-Hangul runs: "tmse스팸서버" is searchable as "tmse" and as "스팸".
        var start = 0;
        for (var i = 1; i <= word.Length; i++)
        {
            if (i == word.Length || IsHangul(word[i]) != IsHangul(word[start]))
            {
                AddRun(word[start..i], terms, seen);
                start = i;
            }
        }
    }

    private static void AddRun(string run, List<string> terms, HashSet<string> seen)
    {
        if (run.Length < 2)
        {
            return;
        }

        if (!IsHangul(run[0]))
        {
            Add(run, terms, seen);
            return;
        }

        for (var i = 0; i + 1 < run.Length; i++)
        {
            Add(run.Substring(i, 2), terms, seen);
        }
    }

    private static void Add(string term, List<string> terms, HashSet<string> seen)
    {
        if (seen.Add(term))
        {
            terms.Add(term);
        }
    }

    /// <summary>Hangul syllables and compatibility jamo (ㄱ..ㅣ).</summary>
    private static bool IsHangul(char c) => c is (>= '\uAC00' and <= '\uD7A3') or (>= '\u3130' and <= '\u318F');
}
