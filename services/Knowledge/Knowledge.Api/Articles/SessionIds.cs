using System.Text.RegularExpressions;

namespace SupportPlatform.Knowledge.Articles;

/// <summary>The anonymous session id a front end generates (e.g. a UUID): short opaque tokens only, so nothing personal fits in it.</summary>
public static partial class SessionIds
{
    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? sessionId) => sessionId is not null && Pattern().IsMatch(sessionId);

    public const string Rule = "8–64 characters of A–Z, a–z, 0–9, '-' or '_' (e.g. a UUID).";
}
