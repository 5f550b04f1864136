using System.Net.Http.Json;
using System.Text.Json;
using SupportPlatform.Inquiry.Publishing;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.EventLog;

/// <summary>
/// A publisher that is running but gets nowhere (every confirm is lost while the broker looks
/// healthy) is seen by the watchdog: <c>/health</c> turns Degraded, the operations view shows the
/// stall and the restarts, and once confirms come again everything waiting is published and the
/// service is Healthy again — without restarting it.
/// </summary>
public sealed class RestartingAStalledShard(RestartingAStalledShard.WatchedInquiryApi api) : IClassFixture<RestartingAStalledShard.WatchedInquiryApi>
{
    [Fact]
    public async Task A_publisher_stuck_behind_turns_health_degraded_is_restarted_and_recovers()
    {
        api.Proxy.Swallowing = true;
        var receipt = await api.SubmitAsync();

        await Eventually.TrueAsync(async () => await EventLogHealthAsync() == "Degraded", "/health to report the event log degraded", TimeSpan.FromSeconds(60));
        var publisher = await Eventually.ReturnsAsync(
            PublisherProgressAsync, p => p.GetProperty("restarts").GetInt32() >= 1, "the watchdog to restart the publisher", TimeSpan.FromSeconds(60));
        Assert.True(publisher.GetProperty("stalled").GetBoolean());
        Assert.True(publisher.GetProperty("lag").GetInt64() >= 1);

        api.Proxy.Swallowing = false;

        await Eventually.TrueAsync(
            () => Task.FromResult(api.PublishedOf<Contracts.InquirySubmitted>().Any(m => m.InquiryId == receipt.InquiryId)),
            "the submission to be published once confirms come again",
            TimeSpan.FromSeconds(90));
        await Eventually.TrueAsync(async () => await EventLogHealthAsync() == "Healthy", "/health to report the event log healthy again", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task The_event_log_progress_is_for_admins_only()
    {
        using var agent = api.Agent();
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await agent.GetAsync("/api/operations/event-log")).StatusCode);
        using var anonymous = api.Customer();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/operations/event-log")).StatusCode);
    }

    private async Task<string?> EventLogHealthAsync()
    {
        using var client = api.Customer();
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        return health.GetProperty("checks").GetProperty("event-log").GetProperty("status").GetString();
    }

    private async Task<JsonElement> PublisherProgressAsync()
    {
        using var admin = api.Service.CreateClient().WithStaff(StaffRoles.Admin);
        var progress = await admin.GetFromJsonAsync<JsonElement>("/api/operations/event-log");
        return progress.GetProperty("shards").EnumerateArray().Single(s => s.GetProperty("name").GetString() == IntegrationEventPublisher.ShardName);
    }

    public sealed class WatchedInquiryApi : ConfirmSwallowingInquiryApi
    {
        protected override TimeSpan StallBound => TimeSpan.FromSeconds(2);
    }
}
