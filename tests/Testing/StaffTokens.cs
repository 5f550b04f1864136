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

    public static HttpClient WithStaff(this HttpClient client, params string[] roles)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", For(roles));
        return client;
    }
}
