using System.Security.Claims;

namespace SupportPlatform.Knowledge.Articles;

internal static class Staff
{
    /// <summary>Who made an edit, as the revision history shows it: the staff name and their stable id.</summary>
    public static string Editor(ClaimsPrincipal user) =>
        $"{user.FindFirstValue("name") ?? "staff"} ({user.FindFirstValue("sub") ?? "unknown"})";
}
