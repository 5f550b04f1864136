using Microsoft.Playwright;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Agent.Tests.DeskPages;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// Issue 25 in the desk: 이전 문의 검색 finds past inquiries by the words of their details and notes
/// (a Korean word by its first syllables), best match first, and the inquiry page lists 비슷한 이전 문의;
/// a query Inquiry refuses is said on the page. Each page checked with axe.
/// </summary>
public sealed class SearchingPastInquiriesInTheDesk(DeskPlatform platform, Chromium chromium) : IClassFixture<DeskPlatform>, IClassFixture<Chromium>
{
    [Fact]
    public async Task An_agent_finds_past_inquiries_by_words_of_their_messages_and_sees_similar_ones_on_an_inquiry()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var stem = string.Concat(Enumerable.Range(0, 3).Select(_ => (char)('가' + Random.Shared.Next(11_172))));
        var (asked, _) = await platform.SubmitInquiryAsync($"발송 문의 {Marker()}", $"어제부터 {stem}대량발송이 막힙니다.");
        platform.Inquiry.Time.Advance(TimeSpan.FromMinutes(5));
        var (solved, _) = await platform.SubmitInquiryAsync($"대량 메일 {Marker()}", $"{stem}대량발송 한도");
        await platform.AddAsAgentAsync(solved, "notes", $"해결: {stem}대량발송 한도를 올렸습니다.");
        var violations = new List<string>();
        var page = await chromium.NewPageAsync();
        await OpenMessageSearchAsync(page, platform.DeskUrl, agentEmail);

        // The first syllables of the word, and a word only the solved one holds: it holds more of the query.
        var rows = page.Locator("table.message-hits tbody tr");
        await SearchUntilAsync(page, $"{stem[..2]} 한도", async () => await rows.CountAsync() == 2, "the index to hold both inquiries' messages");
        await Assertions.Expect(rows.First.Locator("a")).ToHaveAttributeAsync("href", $"/inquiries/{solved}");
        await Assertions.Expect(rows.Nth(1).Locator("a")).ToHaveAttributeAsync("href", $"/inquiries/{asked}");
        await Assertions.Expect(rows.First).ToContainTextAsync("대량 메일");
        await Assertions.Expect(rows.First.Locator("td").Last).ToContainTextAsync("2개");
        await Assertions.Expect(rows.Nth(1).Locator("td").Last).ToContainTextAsync("1개");
        await Assertions.Expect(page.Locator("#search-total")).ToContainTextAsync("2건");
        await CollectAsync(page, "search", violations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.Screenshots, "message-search.png"), FullPage = true });

        await page.FillAsync("#q", "a");
        await page.ClickAsync("form[role=search] button[type=submit]");
        await Assertions.Expect(page.Locator("#search-problem")).ToContainTextAsync("two or more letters");
        await CollectAsync(page, "search-refused", violations);

        await page.GotoAsync(new Uri(platform.DeskUrl, $"/inquiries/{asked}").ToString());
        await Assertions.Expect(page.Locator("#similar-title")).ToContainTextAsync("비슷한 이전 문의");
        var similar = page.Locator("section[aria-labelledby=similar-title] a").First;
        await Assertions.Expect(similar).ToHaveAttributeAsync("href", $"/inquiries/{solved}");
        await Assertions.Expect(similar).ToContainTextAsync("접수 문의");
        // Another inquiry's summary is not shown there: only when it came in, its status and match count.
        await Assertions.Expect(page.Locator("section[aria-labelledby=similar-title]")).Not.ToContainTextAsync("대량 메일");
        await CollectAsync(page, "inquiry", violations);

        Assert.Empty(violations);
    }
}
