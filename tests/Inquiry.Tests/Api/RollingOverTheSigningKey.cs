using System.IdentityModel.Tokens.Jwt;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// A signing key rollover as the runbook does it (docs/operations.md), against the real service:
/// every token carries the <c>kid</c> of its key, both keys are accepted while the rollover runs,
/// only the new one after, and a token is checked with the key its <c>kid</c> names and no other.
/// </summary>
public sealed class RollingOverTheSigningKey(InquiryApi api) : IClassFixture<InquiryApi>
{
    private const string NewKey = "the-next-signing-key-of-at-least-32-bytes";

    [Fact]
    public async Task Tokens_of_both_keys_are_accepted_during_the_rollover_and_only_the_new_ones_after()
    {
        var oldToken = Token(TestServers.SigningKey, "initial");
        var withoutKid = Token(TestServers.SigningKey, kid: null);
        var newToken = Token(NewKey, "2027-01");
        var forged = Token(TestServers.SigningKey, "2027-01");

        // 1. Every service learns the next key before any signs with it.
        await api.RestartAsync(change: s => s["Auth:AcceptedSigningKeys:2027-01"] = NewKey);
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized],
            await StatusesAsync(oldToken, withoutKid, newToken, forged));
        Assert.Equal("initial", KidOf(ServiceToken()));

        // 2. The new key signs; the old one is still accepted until its last token has expired.
        await api.RestartAsync(change: s =>
        {
            s.Remove("Auth:AcceptedSigningKeys:2027-01");
            (s["Auth:SigningKey"], s["Auth:SigningKeyId"], s["Auth:AcceptedSigningKeys:initial"]) = (NewKey, "2027-01", TestServers.SigningKey);
        });
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized],
            await StatusesAsync(oldToken, withoutKid, newToken, forged));
        Assert.Equal("2027-01", KidOf(ServiceToken()));

        // 3. The old key is removed: only the new one's tokens pass.
        await api.RestartAsync(change: s => s.Remove("Auth:AcceptedSigningKeys:initial"));
        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized],
            await StatusesAsync(oldToken, withoutKid, newToken, forged));
    }

    private static string Token(string key, string? kid) =>
        StaffAuthentication.IssueToken(
            new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key)) { KeyId = kid }, Guid.NewGuid(), "Rollover Agent", "rollover@staff.test",
            [StaffRoles.Agent], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

    private async Task<HttpStatusCode[]> StatusesAsync(params string[] tokens)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var token in tokens)
        {
            using var client = api.Service.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            statuses.Add((await client.GetAsync("/api/agent/inquiries")).StatusCode);
        }

        return [.. statuses];
    }

    /// <summary>A token the service itself would call another with.</summary>
    private string ServiceToken() =>
        new ServiceTokens(api.Service.Services.GetRequiredService<IConfiguration>(), api.Service.Services.GetRequiredService<IHostEnvironment>()).Current();

    private static string? KidOf(string token) => new JwtSecurityTokenHandler().ReadJwtToken(token).Header.Kid;
}
