using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SupportPlatform.Agent.Staff;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Agent.Tokens;

public sealed class TokenOptions
{
    /// <summary>How long a staff token is valid (<c>Auth:TokenLifetime</c>); short, since it cannot be revoked.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>
/// Mints the staff JWTs the other services validate (<see cref="StaffAuthentication"/>): for
/// scripts through <c>POST /api/auth/token</c>, and for the desk itself on every call it makes on
/// behalf of the signed-in member, so each service sees and authorises that member, not the desk.
/// </summary>
public sealed class MemberTokens(IConfiguration configuration, IOptions<TokenOptions> options, TimeProvider time)
{
    private readonly SymmetricSecurityKey key = StaffAuthentication.SigningKey(configuration);

    /// <summary>For a script (<c>POST /api/auth/token</c>): unmarked, so every service it reads records the access.</summary>
    public IssuedToken Issue(StaffMember member, IEnumerable<string> roles) =>
        Issue(member.Id, member.DisplayName, member.Email ?? "", roles);

    /// <summary>
    /// For the desk's own call on behalf of the signed-in member, from its cookie principal (Identity
    /// puts the id, email and roles in it; the display name is ours). Marked as the desk's
    /// (<see cref="StaffAuthentication.ViaClaim"/>): its page records the access, so the service does not record it again.
    /// </summary>
    public IssuedToken IssueForDesk(ClaimsPrincipal user, IdentityOptions identity) =>
        Issue(
            Guid.Parse(user.FindFirstValue(identity.ClaimsIdentity.UserIdClaimType)!),
            user.FindFirstValue(DeskClaims.DisplayName) ?? user.Identity?.Name ?? "",
            user.FindFirstValue(identity.ClaimsIdentity.EmailClaimType) ?? "",
            user.FindAll(identity.ClaimsIdentity.RoleClaimType).Select(c => c.Value),
            forDesk: true);

    private IssuedToken Issue(Guid id, string name, string email, IEnumerable<string> roles, bool forDesk = false)
    {
        var now = time.GetUtcNow();
        var lifetime = options.Value.TokenLifetime;
        return new IssuedToken(StaffAuthentication.IssueToken(key, id, name, email, roles, now, lifetime, forDesk), now.Add(lifetime));
    }
}

public static class DeskClaims
{
    public const string DisplayName = "display_name";
}
