using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Agent.Tests.DeskPages;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// 운영 현황 (/operations) in Debian's chromium against the real services: the satisfaction figures
/// as Inquiry counts them, a table's CSV as Excel reads it, the period checked, and axe on the page.
/// </summary>
public sealed class ReadingTheOperationsView(DeskPlatform platform, Chromium chromium) : IClassFixture<DeskPlatform>, IClassFixture<Chromium>
{
    [Fact]
    public async Task An_agent_reads_the_ratings_per_week_agent_and_category_and_downloads_a_table_as_csv()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent, "운영팀장");
        var answering = (Id: Guid.NewGuid(), Name: "김상담");
        await RateAsync(await AnsweredAndClosedAsync(answering, "spam-filter"), 5);
        await RateAsync(await AnsweredAndClosedAsync(answering, null), 2);
        await platform.SubmitInquiryAsync("미해결 문의 점검");
        await RatingsCountedAsync(2);
        await BacklogCountedAsync(1);

        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(platform.DeskUrl, "/operations").ToString());
        await SignInAsync(page, agentEmail);
        var violations = new List<string>();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("운영 현황");
        await Assertions.Expect(page.Locator("header nav a[href='/operations']")).ToContainTextAsync("Operations view");
        await Assertions.Expect(page.Locator("#ratings-total")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#ratings-average")).ToHaveTextAsync("3.50");
        var agentRow = page.Locator("#satisfaction-agents tbody tr", new() { HasTextString = "김상담" });
        await Assertions.Expect(agentRow.Locator("td")).ToHaveTextAsync(["2", "3.50", "0", "1", "0", "0", "1"]);
        await Assertions.Expect(page.Locator("#satisfaction-categories tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#satisfaction-weeks tbody tr")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator("svg.chart[role=img]")).ToHaveCountAsync(1);
        // The backlog now: the one inquiry not closed, new and open; the intake: all three, this week.
        await Assertions.Expect(page.Locator("#backlog tbody tr").First.Locator("td")).ToHaveTextAsync(["1", "0", "0", "1"]);
        await Assertions.Expect(page.Locator("#backlog tbody tr")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("#intake tbody tr").Last.Locator("td").Last).ToHaveTextAsync("3");
        // Both answered and closed at once, after hours (18:00 in Seoul): no business time used, both targets met.
        await Assertions.Expect(page.Locator("#response-times tbody tr td")).ToHaveTextAsync(["보통 Normal", "2", "0", "0", "100.0%", "2", "0", "0", "100.0%"]);
        // Per agent: both first responses and both resolutions are 김상담's, who replied; no follow-up, so no next response.
        await Assertions.Expect(page.Locator("#response-times-agents tbody tr", new() { HasTextString = "김상담" }).Locator("td"))
            .ToHaveTextAsync(["2", "0", "0", "100.0%", "2", "0", "0", "100.0%", "0", "—", "—", "—"]);
        await Assertions.Expect(page.Locator("#next-responses-title")).ToContainTextAsync("Next-response times");
        await Assertions.Expect(page.Locator("#next-responses")).ToHaveCountAsync(0);
        // Knowledge's own reports, through the desk: the deflection funnel and the knowledge gaps.
        await Assertions.Expect(page.Locator("#deflection-title")).ToContainTextAsync("Deflection funnel");
        await Assertions.Expect(page.Locator("#knowledge-gaps-title")).ToContainTextAsync("Knowledge gaps");
        await CollectAsync(page, "operations", violations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.Screenshots, "operations.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#satisfaction-agents-csv"));
        Assert.Matches(@"^satisfaction-agents-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["상담원 Agent,평가 수 Ratings,평균 Average,1점,2점,3점,4점,5점", "김상담,2,3.50,0,1,0,0,1"], lines);

        var gaps = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#knowledge-gaps-csv"));
        var gapLines = Encoding.UTF8.GetString((await File.ReadAllBytesAsync(await gaps.PathAsync()))[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("접수 Submitted,문의 ID Inquiry,가장 가까운 문서 Closest article,적합도 Coverage", gapLines[0]);

        // The intake per day instead of per week: the one table swapped for the other, the choice kept.
        await page.SelectOptionAsync("#per", "day");
        await page.ClickAsync("#show");
        await Assertions.Expect(page.Locator("#intake-daily-title")).ToContainTextAsync("Inquiries per day");
        await Assertions.Expect(page.Locator("#intake")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#per")).ToHaveValueAsync("day");
        await CollectAsync(page, "operations with the intake per day", violations);

        // Knowledge's reports follow the period too: a week long before any of this test's inquiries has no gaps.
        await page.FillAsync("#from", "2020-01-06");
        await page.FillAsync("#to", "2020-01-12");
        await page.ClickAsync("#show");
        await Assertions.Expect(page.Locator("#knowledge-gaps-title")).ToContainTextAsync("기간 내 0건");

        // A period that ends before it starts is refused next to the field, with the typed dates kept.
        await page.FillAsync("#from", "2026-03-10");
        await page.FillAsync("#to", "2026-03-01");
        await page.ClickAsync("#show");
        await Assertions.Expect(page.Locator("#from-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#from")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#to")).ToHaveValueAsync("2026-03-01");
        await CollectAsync(page, "operations with a wrong period", violations);

        Assert.Empty(violations);
    }

    [Fact]
    public async Task Only_agents_open_the_operations_view_and_an_unknown_table_has_no_csv()
    {
        var (_, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance);
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        using var officer = platform.Browser();
        using var agent = platform.Browser();
        await DeskPlatform.SignInAsync(officer, officerEmail);
        await DeskPlatform.SignInAsync(agent, agentEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/operations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/operations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/operations?handler=Csv&table=customers")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync("/operations?handler=Csv&table=satisfaction-weeks&from=someday")).StatusCode);
    }

    /// <summary>An inquiry filed under <paramref name="category"/> (or none), answered by <paramref name="by"/> and closed; with its survey token as Notification reads it.</summary>
    private async Task<(Guid Id, string Token)> AnsweredAndClosedAsync((Guid Id, string Name) by, string? category)
    {
        var (id, _) = await platform.SubmitInquiryAsync($"만족도 점검 {Guid.NewGuid():N}"[..16]);
        using var client = new HttpClient { BaseAddress = platform.InquiryUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StaffTokens.For(by.Id, by.Name, StaffRoles.Agent));
        if (category is not null)
        {
            await ActAsync(client, id, "category", new { category });
        }

        await ActAsync(client, id, "replies", new { body = "설정을 확인해 주세요." });
        await ActAsync(client, id, "close", null);
        using var service = new HttpClient { BaseAddress = platform.InquiryUrl };
        service.WithStaff(StaffRoles.Service);
        var forEmail = await service.GetFromJsonAsync<JsonElement>($"/internal/inquiries/{id}");
        return (id, forEmail.GetProperty("surveyToken").GetString()!);
    }

    private static async Task ActAsync(HttpClient agent, Guid id, string action, object? body)
    {
        var current = await agent.GetAsync($"/api/agent/inquiries/{id}");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/agent/inquiries/{id}/{action}") { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.Add(current.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await agent.SendAsync(request)).StatusCode);
    }

    private async Task RateAsync((Guid Id, string Token) inquiry, int score)
    {
        using var customer = new HttpClient { BaseAddress = platform.InquiryUrl };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/inquiries/{inquiry.Id}/satisfaction") { Content = JsonContent.Create(new { score }) };
        request.Headers.Add("X-Survey-Token", inquiry.Token);
        Assert.Equal(HttpStatusCode.OK, (await customer.SendAsync(request)).StatusCode);
    }

    /// <summary>Waits for the ratings read model, as the page reads it.</summary>
    private async Task RatingsCountedAsync(int ratings)
    {
        using var client = new HttpClient { BaseAddress = platform.InquiryUrl };
        client.WithStaff(StaffRoles.Agent);
        await Eventually.TrueAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>("/api/agent/inquiries/satisfaction")).GetProperty("overall").GetProperty("ratings").GetInt32() == ratings,
            "the ratings read model to count the ratings");
    }

    /// <summary>Waits for the queue read model to hold exactly this many inquiries not closed.</summary>
    private async Task BacklogCountedAsync(long open)
    {
        using var client = new HttpClient { BaseAddress = platform.InquiryUrl };
        client.WithStaff(StaffRoles.Agent);
        await Eventually.TrueAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>("/api/agent/inquiries/workload")).GetProperty("backlog").EnumerateArray()
                .Sum(b => b.GetProperty("count").GetInt64()) == open,
            "the queue read model to count the backlog");
    }
}
