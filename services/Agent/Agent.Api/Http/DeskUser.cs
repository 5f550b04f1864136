using System.Security.Claims;
using SupportPlatform.Agent.Tokens;

namespace SupportPlatform.Agent.Http;

/// <summary>The signed-in member as pages need them.</summary>
public static class DeskUser
{
    public static Guid StaffId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(DeskClaims.DisplayName) ?? user.Identity?.Name ?? "";
}
