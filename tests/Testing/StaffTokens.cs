using System.Net.Http.Headers;
using Microsoft.IdentityModel.Tokens;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Testing;

/// <summary>Staff tokens signed with the test key, as the Agent service would issue them.</summary>
public static class StaffTokens
{
    public static string For(params string[] roles) => For(Guid.NewGuid(), "Test Agent", roles);

    public static string For(Guid staffId, string name, params string[] roles) =>
        StaffAuthentication.IssueToken(
            new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(TestServers.SigningKey)),
            staffId, name, $"{staffId:N}@staff.test", roles, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

    /// <summary>A token whose <c>exp</c> passed <paramref name="ago"/> ago.</summary>
    public static string ExpiredFor(TimeSpan ago, params string[] roles) =>
        StaffAuthentication.IssueToken(
            new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(TestServers.SigningKey)),
            Guid.NewGuid(), "Test Agent", "expired@staff.test", roles, DateTimeOffset.UtcNow - TimeSpan.FromMinutes(15) - ago, TimeSpan.FromMinutes(15));

    /// <summary>
    /// A token as the desk mints for its own calls (<see cref="StaffAuthentication.ViaClaim"/>): a
    /// service leaves those reads to the desk's access log, so a test's set-up step adds no record.
    /// </summary>
    public static HttpClient AsDesk(this HttpClient client, params string[] roles)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StaffAuthentication.IssueToken(
            new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(TestServers.SigningKey)),
            Guid.NewGuid(), "Test Agent", "desk@staff.test", roles, DateTimeOffset.UtcNow, TimeSpan.FromHours(1), forDesk: true));
        return client;
    }

    public static HttpClient WithStaff(this HttpClient client, params string[] roles)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", For(roles));
        return client;
    }
}
