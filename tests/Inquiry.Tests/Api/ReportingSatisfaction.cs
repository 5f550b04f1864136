using System.Net;
using System.Net.Http.Json;
using SupportPlatform.Testing;
using Xunit;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// The satisfaction figures of the operations view over HTTP, on the service's fake clock: ratings
/// counted per Korean week, per agent who answered last and per category (as the inquiry is filed
/// now), over a period of Korean days.
/// </summary>
public sealed class ReportingSatisfaction(InquiryApi api) : IClassFixture<InquiryApi>
{
    private static readonly TimeSpan Korea = TimeSpan.FromHours(9);

    private readonly (Guid Id, string Name) kim = (Guid.NewGuid(), "김상담");

    private readonly (Guid Id, string Name) lee = (Guid.NewGuid(), "이상담");

    [Fact]
    public async Task Ratings_count_per_korean_week_agent_and_category_within_the_period()
    {
        // Monday of 2026-W10, 10:00 in Seoul.
        api.Service.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 10, 0, 0, Korea).ToUniversalTime());
        var spam1 = await AnsweredAndClosedAsync(kim, "spam-filter");
        var spam2 = await AnsweredAndClosedAsync(kim, "spam-filter");
        var license = await AnsweredAndClosedAsync(lee, "license");
        var uncategorised = await AnsweredAndClosedAsync(lee, null);
        var changed = await AnsweredAndClosedAsync(kim, "license");
        await RateAsync(spam1, 5);
        await RateAsync(spam2, 3);
        await RateAsync(license, 4);
        await RateAsync(changed, 2);
        // Filed again after its rating: it counts under its category as it is now.
        await ActAsync(kim, spam2.Id, "category", new { category = "license" });

        // Monday 00:30 in Seoul is still Sunday in UTC: the week is Korea's, 2026-W11.
        api.Service.Time.SetUtcNow(new DateTimeOffset(2026, 3, 9, 0, 30, 0, Korea).ToUniversalTime());
        await RateAsync(uncategorised, 1);
        // A changed rating counts once, in the week it was last given.
        api.Service.Time.SetUtcNow(new DateTimeOffset(2026, 3, 9, 9, 0, 0, Korea).ToUniversalTime());
        await RateAsync(changed, 4);
        // 2026-W12: after the period asked for below.
        api.Service.Time.SetUtcNow(new DateTimeOffset(2026, 3, 16, 10, 0, 0, Korea).ToUniversalTime());
        await RateAsync(await AnsweredAndClosedAsync(kim, "spam-filter"), 5);
        await SatisfactionProjectedAsync();

        using var agent = api.Agent();
        var report = await agent.GetFromJsonAsync<Contracts.SatisfactionReport>("/api/agent/inquiries/satisfaction?from=2026-03-02&to=2026-03-15");

        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 15)), (report!.From, report.To));
        Assert.Equal("5 3.4 1,0,1,2,1", Describe(report.Overall));
        Assert.Equal(
            ["2026-W10 2026-03-02 3 4 0,0,1,1,1", "2026-W11 2026-03-09 2 2.5 1,0,0,1,0"],
            report.Weeks.Select(w => $"{w.Week} {w.Monday:yyyy-MM-dd} {Describe(w.Figures)}"));
        Assert.Equal(
            [$"{kim.Id} 김상담 3 4 0,0,1,1,1", $"{lee.Id} 이상담 2 2.5 1,0,0,1,0"],
            report.Agents.Select(a => $"{a.AgentId} {a.AgentName} {Describe(a.Figures)}"));
        Assert.Equal(
            ["license 3 3.67 0,0,1,2,0", "spam-filter 1 5 0,0,0,0,1", "- 1 1 1,0,0,0,0"],
            report.Categories.Select(c => $"{c.Category ?? "-"} {Describe(c.Figures)}"));

        // By default: the current week (2026-W12) and the seven before it, empty weeks included.
        var recent = await agent.GetFromJsonAsync<Contracts.SatisfactionReport>("/api/agent/inquiries/satisfaction");
        Assert.Equal((new DateOnly(2026, 1, 26), new DateOnly(2026, 3, 16)), (recent!.From, recent.To));
        Assert.Equal(8, recent.Weeks.Count);
        Assert.Equal(("2026-W12", "1 5 0,0,0,0,1"), (recent.Weeks[^1].Week, Describe(recent.Weeks[^1].Figures)));
        Assert.Equal(("2026-W05", "0 - 0,0,0,0,0"), (recent.Weeks[0].Week, Describe(recent.Weeks[0].Figures)));
        Assert.Equal(6, recent.Overall.Ratings);
    }

    [Fact]
    public async Task A_period_that_cannot_be_read_is_a_validation_problem_naming_the_field()
    {
        using var agent = api.Agent();
        using var customer = api.Customer();
        using var compliance = api.Compliance();

        Assert.Equal(["from", "to"], await (await agent.GetAsync("/api/agent/inquiries/satisfaction?from=2026-13-01&to=yesterday")).ErrorKeysAsync());
        Assert.Equal(["from"], await (await agent.GetAsync("/api/agent/inquiries/satisfaction?from=2026-03-09&to=2026-03-08")).ErrorKeysAsync());
        var tooLong = await agent.GetAsync("/api/agent/inquiries/satisfaction?from=2025-01-01&to=2026-01-07");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["to"], await tooLong.ErrorKeysAsync());
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/agent/inquiries/satisfaction?from=2025-01-01&to=2026-01-06")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await customer.GetAsync("/api/agent/inquiries/satisfaction")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.GetAsync("/api/agent/inquiries/satisfaction")).StatusCode);
    }

    private static string Describe(Contracts.SatisfactionFigures figures) =>
        FormattableString.Invariant($"{figures.Ratings} {(figures.AverageScore is { } average ? average.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")} {string.Join(',', figures.ScoreCounts)}");

    /// <summary>An inquiry filed under <paramref name="category"/> (or none), answered by <paramref name="by"/> and closed; with its survey token.</summary>
    private async Task<(Guid Id, string Token)> AnsweredAndClosedAsync((Guid Id, string Name) by, string? category)
    {
        var id = (await api.SubmitAsync()).InquiryId;
        if (category is not null)
        {
            await ActAsync(by, id, "category", new { category });
        }

        await ActAsync(by, id, "replies", new { body = "정책 설정을 확인해 주세요." });
        await ActAsync(by, id, "close", null);
        using var service = api.Service.CreateClient().WithStaff("service");
        var forEmail = await service.GetFromJsonAsync<Contracts.InquiryForEmail>($"/internal/inquiries/{id}");
        return (id, forEmail!.SurveyToken!);
    }

    /// <summary>An agent's command on the inquiry's current version.</summary>
    private async Task ActAsync((Guid Id, string Name) by, Guid id, string action, object? body)
    {
        using var agent = api.Service.CreateClient();
        agent.DefaultRequestHeaders.Authorization = new("Bearer", StaffTokens.For(by.Id, by.Name, "agent"));
        var current = await agent.GetAsync($"/api/agent/inquiries/{id}");
        Assert.Equal(HttpStatusCode.OK, (await WorkingTheAgentDesk.SendAsync(agent, id, action, current.Headers.ETag!.Tag, body)).StatusCode);
    }

    private async Task RateAsync((Guid Id, string Token) inquiry, int score)
    {
        using var customer = api.Customer();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/inquiries/{inquiry.Id}/satisfaction") { Content = JsonContent.Create(new { score }) };
        request.Headers.Add("X-Survey-Token", inquiry.Token);
        Assert.Equal(HttpStatusCode.OK, (await customer.SendAsync(request)).StatusCode);
    }

    /// <summary>The ratings read model has every event of the log.</summary>
    private Task SatisfactionProjectedAsync() =>
        Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<bool>(
                """
                SELECT coalesce((SELECT last_seq_id FROM inquiry.mt_event_progression WHERE name = 'satisfaction:All'), 0)
                    >= (SELECT coalesce(max(seq_id), 0) FROM inquiry.mt_events)
                """),
            "the ratings read model to catch up with the log");
}
