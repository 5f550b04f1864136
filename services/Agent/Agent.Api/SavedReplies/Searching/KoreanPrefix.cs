using System.Globalization;
using System.Text;

namespace SupportPlatform.Agent.SavedReplies.Searching;

/// <summary>
/// Prefix matching that works the way Korean is typed. Titles and queries are compared as jamo, so
/// a syllable still being composed matches: "안녀" finds "안녕하세요", and "간" (the IME's state
/// while typing 가나) finds "가나다". A query of bare initial consonants matches the initials of a
/// word (ㅇㄴ finds 안녕, the 초성 search Korean users expect). Matches start at a word boundary.
/// </summary>
public static class KoreanPrefix
{
    private const int SyllableBase = 0xAC00;
    private const int SyllableCount = 11172;

    private static readonly string[] Initials = ["ㄱ", "ㄲ", "ㄴ", "ㄷ", "ㄸ", "ㄹ", "ㅁ", "ㅂ", "ㅃ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅉ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"];

    // Compound vowels and finals are spelled out, so a syllable typed half-way still matches.
    private static readonly string[] Vowels = ["ㅏ", "ㅐ", "ㅑ", "ㅒ", "ㅓ", "ㅔ", "ㅕ", "ㅖ", "ㅗ", "ㅗㅏ", "ㅗㅐ", "ㅗㅣ", "ㅛ", "ㅜ", "ㅜㅓ", "ㅜㅔ", "ㅜㅣ", "ㅠ", "ㅡ", "ㅡㅣ", "ㅣ"];

    private static readonly string[] Finals = ["", "ㄱ", "ㄲ", "ㄱㅅ", "ㄴ", "ㄴㅈ", "ㄴㅎ", "ㄷ", "ㄹ", "ㄹㄱ", "ㄹㅁ", "ㄹㅂ", "ㄹㅅ", "ㄹㅌ", "ㄹㅍ", "ㄹㅎ", "ㅁ", "ㅂ", "ㅂㅅ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"];

    private static readonly Dictionary<char, string> CompoundJamo = new()
    {
        ['ㄳ'] = "ㄱㅅ", ['ㄵ'] = "ㄴㅈ", ['ㄶ'] = "ㄴㅎ", ['ㄺ'] = "ㄹㄱ", ['ㄻ'] = "ㄹㅁ", ['ㄼ'] = "ㄹㅂ", ['ㄽ'] = "ㄹㅅ",
        ['ㄾ'] = "ㄹㅌ", ['ㄿ'] = "ㄹㅍ", ['ㅀ'] = "ㄹㅎ", ['ㅄ'] = "ㅂㅅ", ['ㅘ'] = "ㅗㅏ", ['ㅙ'] = "ㅗㅐ", ['ㅚ'] = "ㅗㅣ",
        ['ㅝ'] = "ㅜㅓ", ['ㅞ'] = "ㅜㅔ", ['ㅟ'] = "ㅜㅣ", ['ㅢ'] = "ㅡㅣ",
    };

    public static bool Matches(string text, string query)
    {
        var wanted = Normalize(query);
        if (wanted.Length == 0)
        {
            return true;
        }

        var initialsOnly = wanted.All(IsInitialConsonant);
        var jamoQuery = Jamo(wanted);
        var initialsQuery = wanted.Replace(" ", "", StringComparison.Ordinal);
        var words = Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var start = 0; start < words.Length; start++)
        {
            var rest = string.Join(' ', words[start..]);
            if (Jamo(rest).StartsWith(jamoQuery, StringComparison.Ordinal)
                || (initialsOnly && InitialsOf(rest).StartsWith(initialsQuery, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text as jamo: every Hangul syllable spelled out, compound jamo split.</summary>
    public static string Jamo(string text)
    {
        var jamo = new StringBuilder(text.Length * 3);
        foreach (var c in text)
        {
            var index = c - SyllableBase;
            if (index is >= 0 and < SyllableCount)
            {
                jamo.Append(Initials[index / 588]).Append(Vowels[index % 588 / 28]).Append(Finals[index % 28]);
            }
            else if (CompoundJamo.TryGetValue(c, out var parts))
            {
                jamo.Append(parts);
            }
            else
            {
                jamo.Append(c);
            }
        }

        return jamo.ToString();
    }

    /// <summary>The initial consonant of each syllable (other characters as they are, spaces dropped).</summary>
    private static string InitialsOf(string text)
    {
        var initials = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var index = c - SyllableBase;
            if (index is >= 0 and < SyllableCount)
            {
                initials.Append(Initials[index / 588]);
            }
            else if (c != ' ')
            {
                initials.Append(c);
            }
        }

        return initials.ToString();
    }

    private static bool IsInitialConsonant(char c) => c == ' ' || Initials.Contains(c.ToString());

    /// <summary>Composed (NFC), lower-case, with runs of white space as one space.</summary>
    private static string Normalize(string text) =>
        string.Join(' ', text.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
