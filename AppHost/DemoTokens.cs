using System.Text;
using Microsoft.IdentityModel.Tokens;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.AppHost;

/// <summary>Staff tokens for local scripts while there is no Agent desk to log in to.</summary>
public static class DemoTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>The staff the Agent desk will seed; their tokens are issued here until it lands.</summary>
    public static readonly IReadOnlyList<string> DemoAccounts = ["agent@example.com", "compliance@example.com"];

    public static IEnumerable<KeyValuePair<string, string>> Issue(string signingKey, DateTimeOffset now)
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey));
        return DemoAccounts.Zip([StaffRoles.Agent, StaffRoles.Compliance], (email, role) =>
            new KeyValuePair<string, string>(role, StaffAuthentication.IssueToken(
                key, DeterministicId(email), email.Split('@')[0], email, [role], now, Lifetime)));
    }

    /// <summary>The same staff id on every start, so what a demo agent did stays attributed to them.</summary>
    private static Guid DeterministicId(string email) =>
        new(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(email)).AsSpan(0, 16));
}
