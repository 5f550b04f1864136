using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using SupportPlatform.ServiceDefaults.Keys;

namespace SupportPlatform.ServiceDefaults;

/// <summary>Roles a staff token can carry.</summary>
public static class StaffRoles
{
    public const string Agent = "agent";
    public const string Compliance = "compliance";
    public const string Admin = "admin";

    /// <summary>Another service of the platform (not a person): may call the <c>/internal</c> APIs.</summary>
    public const string Service = "service";
}

/// <summary>
/// Staff identity shared by every API: a short-lived HS256 JWT issued by the Agent service and
/// validated here with the configured key its <c>kid</c> names (<see cref="SigningKeys"/>: the current
/// <c>Auth:SigningKey</c> and, during a rollover, <c>Auth:AcceptedSigningKeys</c>). Policies are named after the roles.
/// </summary>
public static class StaffAuthentication
{
    public const string Issuer = "supportplatform-agent";
    public const string Audience = "supportplatform";

    /// <summary>
    /// The claim only the tokens the desk mints for its own calls carry (<c>via: desk</c>): the desk
    /// records those accesses on its pages, so a service records the rest (a script's token) itself.
    /// A script cannot add it: a token is signed with the platform key, which only services hold.
    /// </summary>
    public const string ViaClaim = "via";

    public const string ViaDesk = "desk";

    /// <summary>How far past <c>exp</c> (or before <c>nbf</c>) a staff token is still accepted.</summary>
    public static readonly TimeSpan TokenClockSkew = TimeSpan.FromSeconds(5);

    public static IHostApplicationBuilder AddStaffAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);
        builder.Services.AddStaffTokenValidation();
        builder.Services.AddStaffPolicies();
        return builder;
    }

    /// <summary>
    /// The JWT bearer scheme that checks staff and service tokens, without making it the default: the
    /// APIs make it theirs (<see cref="AddStaffAuthentication"/>), the desk keeps its sign-in cookie and
    /// names this scheme on its <c>/internal</c> endpoints only.
    /// </summary>
    public static IServiceCollection AddStaffTokenValidation(this IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IConfiguration>((options, configuration) =>
            {
                var keys = SigningKeys.FromConfiguration(configuration);
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Issuer,
                    ValidAudience = Audience,
                    // By kid, and only by kid: a token naming one key but signed with another fails.
                    IssuerSigningKeyResolver = (_, _, kid, _) => keys.Resolve(kid),
                    TryAllIssuerSigningKeys = false,
                    NameClaimType = "name",
                    RoleClaimType = "role",
                    // Every service and the issuing desk run on NTP-synchronised hosts (milliseconds
                    // apart), so 5 s covers their drift and a request in flight across `exp`, while an
                    // expired token stops working within seconds, not the 5 minutes of the library's
                    // default (issue 20: expired tokens were accepted 14 s late). One value, here, for all.
                    ClockSkew = TokenClockSkew,
                };
            });
        return services;
    }

    /// <summary>
    /// The authorisation policies, named after the roles: the APIs use them over JWTs, the Agent
    /// desk over its sign-in cookie. Admins may do what agents do; compliance is its own role.
    /// </summary>
    public static IServiceCollection AddStaffPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffRoles.Agent, policy => policy.RequireRole(StaffRoles.Agent, StaffRoles.Admin))
            .AddPolicy(StaffRoles.Compliance, policy => policy.RequireRole(StaffRoles.Compliance))
            .AddPolicy(StaffRoles.Admin, policy => policy.RequireRole(StaffRoles.Admin))
            .AddPolicy(StaffRoles.Service, policy => policy.RequireRole(StaffRoles.Service));
        return services;
    }

    /// <summary>True for a token the desk minted for its own call on behalf of the signed-in member.</summary>
    public static bool CallsThroughDesk(this ClaimsPrincipal user) => user.HasClaim(ViaClaim, ViaDesk);

    /// <summary>The key new tokens are signed with, its id set, so that every token carries it as <c>kid</c>.</summary>
    public static SymmetricSecurityKey SigningKey(IConfiguration configuration) => SigningKeys.FromConfiguration(configuration).Current;

    /// <summary>
    /// Issues a staff token; used by the Agent service and by tests. A key with a <c>KeyId</c> puts it
    /// in the header as <c>kid</c>. <paramref name="forDesk"/> marks the desk's own calls (<see cref="ViaClaim"/>).
    /// </summary>
    public static string IssueToken(SymmetricSecurityKey key, Guid staffId, string name, string email, IEnumerable<string> roles, DateTimeOffset now, TimeSpan lifetime, bool forDesk = false)
    {
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, staffId.ToString()),
            new("name", name),
            new(JwtRegisteredClaimNames.Email, email),
        };
        if (forDesk)
        {
            claims.Add(new Claim(ViaClaim, ViaDesk));
        }

        claims.AddRange(roles.Select(role => new Claim("role", role)));
        var token = new JwtSecurityToken(
            Issuer,
            Audience,
            claims,
            notBefore: now.UtcDateTime,
            expires: now.Add(lifetime).UtcDateTime,
            signingCredentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
