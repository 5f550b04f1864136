using System.Globalization;
using System.Net.Http.Json;
using SupportPlatform.Inquiry.Inquiries.Reporting;
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
        await CaughtUpAsync();

        var report = await agent.GetFromJsonAsync<Contracts.ResponseTimeReport>("/api/agent/inquiries/response-times?from=2026-03-09&to=2026-03-15");

        AssertWithinBuckets(
            ["2026-W11 normal first 2 120 168 2 resolution 1 60 60 1", "2026-W11 urgent first 1 120 120 0 resolution 1 120 120 1"],
            report!.Rows.Select(r => $"{r.Week} {r.Priority} first {Describe(r.FirstResponse)} resolution {Describe(r.Resolution)}"));
        var later = await agent.GetFromJsonAsync<Contracts.ResponseTimeReport>("/api/agent/inquiries/response-times?from=2026-03-16&to=2026-03-22");
        Assert.Empty(later!.Rows);
        Assert.Equal(["to"], await (await agent.GetAsync("/api/agent/inquiries/response-times?to=2026-02-30")).ErrorKeysAsync());
    }

    [Fact]
    public async Task Per_agent_the_first_response_counts_for_who_made_it_and_the_resolution_for_who_answered_last()
    {
        using var kim = Agent("김상담");
        using var lee = Agent("이상담");
        // Monday of 2026-W13, away from the other test's week.
        MoveTo(10, day: 23);
        var handedOver = (await api.SubmitAsync()).InquiryId;
        var answered = (await api.SubmitAsync()).InquiryId;
        var silent = (await api.SubmitAsync()).InquiryId;
        MoveTo(11, day: 23);
        await ActAsync(kim, handedOver, "replies", new { body = "확인했습니다." });
        MoveTo(12, day: 23);
        await ActAsync(lee, handedOver, "replies", new { body = "이어서 안내드립니다." });
        await ActAsync(lee, answered, "replies", new { body = "확인했습니다." });
        MoveTo(13, day: 23);
        await ActAsync(lee, handedOver, "close", null);
        MoveTo(14, day: 23);
        await ActAsync(lee, answered, "close", null);
        // Closed without a reply: both targets complete, counted for nobody.
        MoveTo(15, day: 23);
        await ActAsync(kim, silent, "close", null);
        await CaughtUpAsync();

        var report = await kim.GetFromJsonAsync<Contracts.ResponseTimeReport>("/api/agent/inquiries/response-times?from=2026-03-23&to=2026-03-29");

        AssertWithinBuckets(
            ["김상담 first 1 60 60 1 resolution 0   0", "이상담 first 1 120 120 1 resolution 2 90 114 2", "- first 1 300 300 1 resolution 1 300 300 1"],
            report!.Agents.Select(a => $"{a.AgentName ?? "-"} first {Describe(a.FirstResponse)} resolution {Describe(a.Resolution)}"));
        Assert.Equal(2, report.Agents.Count(a => a.AgentId is not null));
    }

    [Fact]
    public async Task A_next_response_counts_from_the_follow_up_to_the_reply_or_close_that_completes_it()
    {
        using var kim = Agent("김상담");
        using var lee = Agent("이상담");
        using var customer = api.Customer();
        // Monday of 2026-W15, away from the other tests' weeks.
        MoveTo(10, day: 6, month: 4);
        var answered = await api.SubmitAsync();
        var closed = await api.SubmitAsync();
        var urgent = await api.SubmitAsync();
        await ActAsync(kim, urgent.InquiryId, "priority", new { priority = "urgent" });
        MoveTo(11, day: 6, month: 4);
        foreach (var receipt in new[] { answered, closed, urgent })
        {
            await ActAsync(kim, receipt.InquiryId, "replies", new { body = "확인했습니다." });
        }

        MoveTo(12, day: 6, month: 4);
        foreach (var receipt in new[] { answered, closed, urgent })
        {
            Assert.True((await SubmittingInquiries.PostMessageAsync(customer, receipt.InquiryId, receipt.AccessToken, "추가 문의입니다.")).IsSuccessStatusCode);
        }

        // A note answers nobody: the next response still runs.
        await ActAsync(kim, answered.InquiryId, "notes", new { body = "확인 중" });
        MoveTo(13, day: 6, month: 4);
        await ActAsync(kim, answered.InquiryId, "replies", new { body = "안내드립니다." });
        // Urgent owes its next response within 2 business hours: 3 is late.
        MoveTo(15, day: 6, month: 4);
        await ActAsync(lee, urgent.InquiryId, "replies", new { body = "안내드립니다." });
        // Closed without answering the follow-up: completed, counted for nobody.
        MoveTo(16, day: 6, month: 4);
        await ActAsync(lee, closed.InquiryId, "close", null);
        await CaughtUpAsync();

        var report = await kim.GetFromJsonAsync<Contracts.ResponseTimeReport>("/api/agent/inquiries/response-times?from=2026-04-06&to=2026-04-12");

        AssertWithinBuckets(
            ["2026-W15 normal next 2 150 222 2", "2026-W15 urgent next 1 180 180 0"],
            report!.Rows.Select(r => $"{r.Week} {r.Priority} next {Describe(r.NextResponse)}"));
        AssertWithinBuckets(
            ["김상담 next 1 60 60 1", "이상담 next 1 180 180 0", "- next 1 240 240 1"],
            report.Agents.Select(a => $"{a.AgentName ?? "-"} next {Describe(a.NextResponse)}"));
        var before = await kim.GetFromJsonAsync<Contracts.ResponseTimeReport>("/api/agent/inquiries/response-times?from=2026-03-30&to=2026-04-05");
        Assert.DoesNotContain(before!.Rows, r => r.NextResponse.Count > 0);
    }

    /// <summary>An agent of their own id and name, as the desk's token names them.</summary>
    private HttpClient Agent(string name)
    {
        var client = api.Service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", StaffTokens.For(Guid.NewGuid(), name, "agent"));
        return client;
    }

    private async Task CaughtUpAsync() =>
        await Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<bool>(
                """
                SELECT coalesce((SELECT last_seq_id FROM inquiry.mt_event_progression WHERE name = 'response-time:All'), 0)
                    >= (SELECT coalesce(max(seq_id), 0) FROM inquiry.mt_events)
                """),
            "the response-time read model to catch up with the log");

    /// <summary>Count, median, p90 and targets met; the median and p90 marked with ~, as they are read from the histograms' buckets.</summary>
    private static string Describe(Contracts.TimeFigures figures) =>
        FormattableString.Invariant($"{figures.Count} ~{figures.MedianMinutes} ~{figures.P90Minutes} {figures.Met}");

    /// <summary>
    /// The lines as expected, word for word, except that a median or p90 (marked ~) may be off by the
    /// bucket bound: a 32nd of the value, and the report's rounding to a tenth.
    /// </summary>
    private static void AssertWithinBuckets(string[] expected, IEnumerable<string> actual)
    {
        var lines = actual.ToArray();
        Assert.Equal(expected.Length, lines.Length);
        foreach (var (want, got) in expected.Zip(lines))
        {
            var (wanted, words) = (want.Split(' '), got.Split(' '));
            Assert.True(wanted.Length == words.Length, $"expected \"{want}\", got \"{got}\"");
            foreach (var (word, value) in wanted.Zip(words))
            {
                if (value.StartsWith('~') && word.Length > 0)
                {
                    var exact = double.Parse(word, CultureInfo.InvariantCulture);
                    var bound = (exact * BusinessMinuteBuckets.RelativeBound) + 0.05;
                    Assert.True(Math.Abs(double.Parse(value[1..], CultureInfo.InvariantCulture) - exact) <= bound, $"expected \"{want}\" within the buckets, got \"{got}\"");
                }
                else
                {
                    Assert.True(word == value.TrimStart('~'), $"expected \"{want}\", got \"{got}\"");
                }
            }
        }
    }

    private void MoveTo(int hour, int day = 9, int month = 3) => api.Service.Time.SetUtcNow(new DateTimeOffset(2026, month, day, hour, 0, 0, Korea).ToUniversalTime());

    private static async Task ActAsync(HttpClient agent, Guid id, string action, object? body)
    {
        var current = await agent.GetAsync($"/api/agent/inquiries/{id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await SendAsync(agent, id, action, current.Headers.ETag!.Tag, body)).StatusCode);
    }
}
