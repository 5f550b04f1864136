namespace SupportPlatform.Knowledge.Searching;

/// <summary>
/// English words to their dictionary form by suffix rules (arrive / arriving / arrived, policies →
/// policy, connections → connection), with the few irregular verbs mail errors use. Codes and short
/// words pass unchanged. Documents and queries share it, as they share the Korean rules. Pure.
/// </summary>
public static class EnglishLemmas
{
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["sent"] = "send", ["got"] = "get", ["gotten"] = "get", ["went"] = "go", ["gone"] = "go",
        ["came"] = "come", ["took"] = "take", ["taken"] = "take", ["made"] = "make", ["was"] = "be",
        ["were"] = "be", ["been"] = "be", ["lost"] = "lose", ["kept"] = "keep", ["left"] = "leave",
        ["received"] = "receive", ["receiving"] = "receive", ["failed"] = "fail", ["failing"] = "fail",
        ["allowed"] = "allow", ["allowing"] = "allow", ["listed"] = "list", ["listing"] = "list",
        ["mailing"] = "mail", ["mailed"] = "mail", ["emails"] = "email", ["settings"] = "setting",
    };

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>The lemma of a lower-case Latin word.</summary>
    public static string Lemma(string word)
    {
        if (word.Length <= 3 || word.Any(char.IsAsciiDigit) || !word.All(char.IsAsciiLetterLower))
        {
            return word;
        }

        if (Irregular.TryGetValue(word, out var irregular))
        {
            return irregular;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) || word.EndsWith("ied", StringComparison.Ordinal))
        {
            return word.Length > 4 ? word[..^3] + "y" : word;
        }

        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length >= 6)
        {
            return Restore(word[..^3]);
        }

        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length >= 5 && !word.EndsWith("eed", StringComparison.Ordinal))
        {
            return Restore(word[..^2]);
        }

        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        // A plural "s", never from "ss", "us" or "is" (address, virus, analysis).
        return word[^1] == 's' && word[^2] is not 's' and not 'u' and not 'i' ? word[..^1] : word;
    }

    /// <summary>
    /// The stem left by -ing or -ed, made whole again: a doubled consonant undone (blocked stays,
    /// stopped → stop), a silent e put back after v, z, c, g, u or a single vowel + s (arriv → arrive,
    /// refus → refuse, us → use).
    /// </summary>
    private static string Restore(string stem)
    {
        if (stem.Length >= 3 && stem[^1] == stem[^2] && !IsVowel(stem[^1]) && stem[^1] is not 'l' and not 's' and not 'f' and not 'z')
        {
            return stem[..^1];
        }

        var last = stem[^1];
        var needsE = last is 'v' or 'z' or 'u' or 'c' or 'g' && !(last is 'g' && stem.EndsWith("ng", StringComparison.Ordinal))
            || (last is 's' && stem.Length >= 2 && IsVowel(stem[^2]) && !(stem.Length >= 3 && IsVowel(stem[^3])))
            || (last is 'r' && stem.Length >= 3 && stem[^2] is 'o' or 'u' or 'a' && !IsVowel(stem[^3]))
            || stem.Length <= 2;
        return needsE ? stem + "e" : stem;
    }
}
