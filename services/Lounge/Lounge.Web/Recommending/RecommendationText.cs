namespace SupportPlatform.Lounge.Recommending;

/// <summary>When a summary being typed is worth asking about. Pure.</summary>
public static class RecommendationText
{
    public const int MaxLength = 200;

    /// <summary>
    /// Korean carries a word in two syllables ("랜섬", "스팸"), so two characters suffice when the text
    /// has Hangul; Latin text needs three before it says anything.
    /// </summary>
    public static bool IsWorthAsking(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length > MaxLength)
        {
            return false;
        }

        var letters = trimmed.Count(char.IsLetterOrDigit);
        return trimmed.Any(IsHangul) ? letters >= 2 : letters >= 3;
    }

    public static bool IsHangul(char c) =>
        c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F';
}
