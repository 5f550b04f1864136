using System.Net.Http.Json;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// First-response and resolution times of the operations view over HTTP, on the service's fake
/// clock and the default policy (보통: first response 8 business hours; 긴급: 1): medians and p90s
/// in business minutes per week and priority, and how many targets were met.
/// </summary>
public sealed class ReportingResponseTimes(InquiryApi api) : IClassFixture<InquiryApi>
{
    private static readonly TimeSpan Korea = TimeSpan.FromHours(9);

    [Fact]
    public async Task Times_are_counted_per_week_of_completion_and_priority_in_business_minutes()
    {
        using var agent = api.Agent();
        // Monday of 2026-W11, a working day from 09:00 to 18:00 in Seoul.
        MoveTo(10);
        var quick = (await api.SubmitAsync()).InquiryId;
        var slow = (await api.SubmitAsync()).InquiryId;
        var urgent = (await api.SubmitAsync()).InquiryId;
        await ActAsync(agent, urgent, "priority", new { priority = "urgent" });
        MoveTo(11);
        await ActAsync(agent, quick, "replies", new { body = "확인했습니다." });
        MoveTo(12);
        await ActAsync(agent, urgent, "replies", new { body = "확인했습니다." });
        MoveTo(13);
        await ActAsync(agent, slow, "replies", new { body = "확인했습니다." });
        // Closed while the customer has the turn: the resolution took what it used up to the reply.
        MoveTo(14);
        await ActAsync(agent, quick, "close", null);
        MoveTo(15);
        await ActAsync(agent, urgent, "close", null);
        await Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<bool>(
                """
                SELECT coalesce((SELECT last_seq_id FROM inquiry.mt_event_progression WHERE name = 'response-time:All'), 0)
                    >= (SELECT coalesce(max(seq_id), 0) FROM inquiry.mt_events)
                """),
            "the response-time read model to catch up with the log");

        var report = await agent.GetFromJsonAsync<Contracts.ResponseTimeReport>("/api/agent/inquiries/response-times?from=2026-03-09&to=2026-03-15");

        Assert.Equal(
            ["2026-W11 normal first 2 120 168 2 resolution 1 60 60 1", "2026-W11 urgent first 1 120 120 0 resolution 1 120 120 1"],
            report!.Rows.Select(r => $"{r.Week} {r.Priority} first {Describe(r.FirstResponse)} resolution {Describe(r.Resolution)}"));
        var later = await agent.GetFromJsonAsync<Contracts.ResponseTimeReport>("/api/agent/inquiries/response-times?from=2026-03-16&to=2026-03-22");
        Assert.Empty(later!.Rows);
        Assert.Equal(["to"], await (await agent.GetAsync("/api/agent/inquiries/response-times?to=2026-02-30")).ErrorKeysAsync());
    }

    private static string Describe(Contracts.TimeFigures figures) =>
        FormattableString.Invariant($"{figures.Count} {figures.MedianMinutes} {figures.P90Minutes} {figures.Met}");

    private void MoveTo(int hour) => api.Service.Time.SetUtcNow(new DateTimeOffset(2026, 3, 9, hour, 0, 0, Korea).ToUniversalTime());

    private static async Task ActAsync(HttpClient agent, Guid id, string action, object? body)
    {
        var current = await agent.GetAsync($"/api/agent/inquiries/{id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await SendAsync(agent, id, action, current.Headers.ETag!.Tag, body)).StatusCode);
    }
}
