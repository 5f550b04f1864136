using System.Buffers.Text;
using System.Security.Cryptography;

namespace SupportPlatform.Lounge.Recommending;

/// <summary>
/// The anonymous id that ties the recommendations a visitor was shown and opened to the inquiry
/// they file afterwards (Knowledge's deflection funnel). Random, in a cookie of this site only;
/// it names no one.
/// </summary>
public static class RecommendationSessions
{
    public const string CookieName = "lounge-rs";

    public static string? Find(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var id) && IsValid(id) ? id : null;

    public static string Ensure(HttpContext context)
    {
        if (Find(context) is { } existing)
        {
            return existing;
        }

        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromHours(12),
        });
        return id;
    }

    /// <summary>Knowledge's rule for session ids: 8–64 of A–Z, a–z, 0–9, '-', '_'.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: >= 8 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
