using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

public sealed class FeedbackAndTheDeflectionFunnel(KnowledgeService service) : IClassFixture<KnowledgeService>
{
    [Fact]
    public async Task Feedback_is_counted_per_article_with_one_vote_per_session()
    {
        var client = service.Client();
        const string url = "/api/articles/tmse-approver-info-retention/feedback";
        (await client.PostAsJsonAsync(url, new { helpful = true })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync(url, new { helpful = false, sessionId = "session-feedback-1" })).EnsureSuccessStatusCode();
        // The same session changes its mind: still one vote.
        var counts = await (await client.PostAsJsonAsync(url, new { helpful = true, sessionId = "session-feedback-1" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(2, counts.GetProperty("helpful").GetInt64());
        Assert.Equal(0, counts.GetProperty("notHelpful").GetInt64());
        var article = await client.GetFromJsonAsync<JsonElement>("/api/articles/tmse-approver-info-retention");
        Assert.Equal(2, article.GetProperty("feedback").GetProperty("helpful").GetInt64());
        Assert.Equal(2, await service.Database.ScalarAsync<long>("SELECT count(*) FROM knowledge.feedback"));

        var bad = await client.PostAsJsonAsync(url, new { sessionId = "<x>" });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("helpful", out _) && errors.TryGetProperty("sessionId", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/articles/no-such-article/feedback", new { helpful = true })).StatusCode);
    }

    [Fact]
    public async Task The_report_counts_shown_opened_followed_and_deflected_sessions_per_article()
    {
        var client = service.Client();
        const string notice = "spam-and-ransomware-notice";
        const string guide = "customer-care-lounge-guide";
        // Three sessions see the notice; one opens it; one of the three files an inquiry anyway.
        foreach (var (session, kind, slug) in new[]
        {
            ("funnel-session-a", "shown", notice), ("funnel-session-a", "opened", notice),
            ("funnel-session-b", "shown", notice), ("funnel-session-b", "shown", guide),
            ("funnel-session-c", "shown", notice), ("funnel-session-c", "shown", notice),
        })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/funnel", new { sessionId = session, kind, slug })).StatusCode);
        }

        var inquiry = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        await service.Bus.Publish(service.Submitted(inquiry, "랜섬웨어 감염 문의", "funnel-session-b"), context => context.MessageId = messageId);
        await Eventually.TrueAsync(() => Task.FromResult(service.Consumed.Count(messageId) == 1), "the submission to be consumed", TimeSpan.FromSeconds(60));

        var report = await client.WithStaff(StaffRoles.Agent).GetFromJsonAsync<JsonElement>("/api/staff/reports/deflection");
        var row = report.EnumerateArray().Single(r => r.GetProperty("slug").GetString() == notice);
        Assert.Equal(3, row.GetProperty("shown").GetInt64());
        Assert.Equal(1, row.GetProperty("opened").GetInt64());
        Assert.Equal(1, row.GetProperty("followedByInquiry").GetInt64());
        Assert.Equal(2, row.GetProperty("deflected").GetInt64());
        var guideRow = report.EnumerateArray().Single(r => r.GetProperty("slug").GetString() == guide);
        Assert.Equal(0, guideRow.GetProperty("deflected").GetInt64());

        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client().GetAsync("/api/staff/reports/deflection")).StatusCode);
    }

    [Fact]
    public async Task A_period_counts_the_recommendations_shown_and_opened_on_its_korean_days_only()
    {
        var client = service.Client();
        var staff = service.Client().WithStaff(StaffRoles.Agent);
        const string slug = "customer-care-lounge-guide";
        // Monday 23:30 in Seoul, then Tuesday 00:30 in Seoul (still Monday in UTC), days no other test uses.
        service.Factory.Time.SetUtcNow(new DateTimeOffset(2027, 6, 7, 23, 30, 0, TimeSpan.FromHours(9)).ToUniversalTime());
        await TrackAsync(client, "period-session-a", "shown", slug);
        service.Factory.Time.SetUtcNow(new DateTimeOffset(2027, 6, 8, 0, 30, 0, TimeSpan.FromHours(9)).ToUniversalTime());
        await TrackAsync(client, "period-session-b", "shown", slug);
        await TrackAsync(client, "period-session-b", "opened", slug);
        await TrackAsync(client, "period-session-c", "shown", slug);

        Assert.Equal((2, 1), Shown(await staff.GetFromJsonAsync<JsonElement>("/api/staff/reports/deflection?from=2027-06-08&to=2027-06-08"), slug));
        Assert.Equal((3, 1), Shown(await staff.GetFromJsonAsync<JsonElement>("/api/staff/reports/deflection?from=2027-06-07&to=2027-06-08"), slug));
        Assert.Empty((await staff.GetFromJsonAsync<JsonElement>("/api/staff/reports/deflection?from=2027-06-09&to=2027-06-09")).EnumerateArray());
        // Without a period: all time, these three sessions among the rest.
        Assert.True(Shown(await staff.GetFromJsonAsync<JsonElement>("/api/staff/reports/deflection"), slug).Shown >= 3);
        await (await staff.GetAsync("/api/staff/reports/deflection?from=2027-06-09&to=2027-06-08")).AssertProblemAsync(HttpStatusCode.BadRequest, "from");
        await (await staff.GetAsync("/api/staff/reports/deflection?to=2027-02-30")).AssertProblemAsync(HttpStatusCode.BadRequest, "to");
        await (await staff.GetAsync("/api/staff/reports/deflection?from=2025-01-01&to=2027-06-08")).AssertProblemAsync(HttpStatusCode.BadRequest, "to");
    }

    private static async Task TrackAsync(HttpClient client, string session, string kind, string slug) =>
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/funnel", new { sessionId = session, kind, slug })).StatusCode);

    private static (long Shown, long Opened) Shown(JsonElement report, string slug)
    {
        var row = report.EnumerateArray().Single(r => r.GetProperty("slug").GetString() == slug);
        return (row.GetProperty("shown").GetInt64(), row.GetProperty("opened").GetInt64());
    }

    [Fact]
    public async Task Bad_funnel_events_get_an_error_per_field()
    {
        var response = await service.Client().PostAsJsonAsync("/api/funnel", new { sessionId = "x", kind = "clicked", slug = "no-such-article" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "sessionId", "kind", "slug" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }
    }
}
