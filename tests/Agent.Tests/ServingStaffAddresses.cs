extern alias agent;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Agent.Contracts;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;
using StaffAccounts = agent::SupportPlatform.Agent.Staff.StaffAccounts;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// The desk's internal API, <c>GET /internal/staff/{id}</c>: another service, with a service token,
/// reads an active member's address (Notification, for SLA warnings to the assignee). Nobody else
/// may, a signed-in agent's token included, and a disabled or unknown member is a 404 problem.
/// </summary>
public sealed class ServingStaffAddresses(DeskPlatform platform) : IClassFixture<DeskPlatform>
{
    [Fact]
    public async Task A_service_reads_an_active_members_address_and_nothing_of_a_disabled_or_unknown_one()
    {
        var (active, email) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (disabled, _) = await platform.CreateMemberAsync(StaffRoles.Agent);
        await using (var scope = platform.Desk.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().SetDisabledAsync(disabled, true)).Succeeded);
        }

        using var service = Client(StaffTokens.For(StaffRoles.Service));
        var staff = new InternalStaffApi(service);

        Assert.Equal(new StaffAddress(active, email), await staff.GetAddressAsync(active, CancellationToken.None));
        Assert.Null(await staff.GetAddressAsync(disabled, CancellationToken.None));
        var unknown = await service.GetAsync($"internal/staff/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Only_a_service_token_may_read_addresses()
    {
        var (member, _) = await platform.CreateMemberAsync(StaffRoles.Agent);
        using var anonymous = Client(token: null);
        using var agentToken = Client(StaffTokens.For(StaffRoles.Agent, StaffRoles.Admin));
        using var service = Client(StaffTokens.For(StaffRoles.Service));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"internal/staff/{member}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentToken.GetAsync($"internal/staff/{member}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.GetAsync("internal/staff/not-a-guid")).StatusCode);
    }

    private HttpClient Client(string? token)
    {
        var client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = TestCertificate.IsTrusted }) { BaseAddress = platform.DeskUrl };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
