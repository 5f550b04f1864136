using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SupportPlatform.Agent.Tokens;

namespace SupportPlatform.Agent.Staff;

/// <summary>Adds the display name to the sign-in cookie, so pages and minted tokens need no database read for it.</summary>
public sealed class StaffClaimsPrincipalFactory(UserManager<StaffMember> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffMember, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffMember user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DeskClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
