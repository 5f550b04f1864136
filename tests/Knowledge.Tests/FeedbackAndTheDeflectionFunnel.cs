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
