using System.Net;
using System.Net.Http.Json;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Api;

public sealed class LimitingPublicRequests(RateLimitedInquiryApi api) : IClassFixture<RateLimitedInquiryApi>
{
    [Fact]
    public async Task A_client_over_its_permits_gets_429_problem_details_while_agents_are_not_limited()
    {
        using var client = api.Customer();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.GetAsync("/api/consent-policy")).StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/inquiries", Requests.Valid());
        using var agent = api.Agent();

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_streams"));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/agent/inquiries")).StatusCode);
    }
}

public sealed class StartingWithoutKeys(PostgresDatabase database, RabbitMqVhost vhost) : IClassFixture<PostgresDatabase>, IClassFixture<RabbitMqVhost>
{
    [Fact]
    public void The_service_refuses_to_start_and_names_the_missing_setting()
    {
        using var service = new ServiceFactory<Program>(database, vhost);

        var error = Assert.ThrowsAny<Exception>(() => service.CreateClient());

        Assert.Contains("PersonalData:MasterKey", error.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>Issue 20: an expired staff token was still accepted 14 s after <c>exp</c>. The skew is 5 s in every service (ServiceDefaults).</summary>
public sealed class RefusingExpiredStaffTokens(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task A_token_ten_seconds_past_its_expiry_is_refused_and_a_current_one_is_not()
    {
        using var expired = api.Service.CreateClient();
        expired.DefaultRequestHeaders.Authorization = new("Bearer", StaffTokens.ExpiredFor(TimeSpan.FromSeconds(10), "agent"));
        using var current = api.Agent();

        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/agent/inquiries")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await current.GetAsync("/api/agent/inquiries")).StatusCode);
    }
}
