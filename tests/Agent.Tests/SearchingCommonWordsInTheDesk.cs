using System.Globalization;
using Microsoft.Playwright;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Agent.Tests.DeskPages;

namespace SupportPlatform.Agent.Tests;

/// <summary>The platform with a message search that may read only six postings, so seven inquiries make a word common.</summary>
public sealed class DeskPlatformWithSmallSearchBudget : DeskPlatform
{
    public const int PostingsPerQuery = 6;

    protected override IReadOnlyDictionary<string, string?> InquirySettings { get; } = new Dictionary<string, string?>
    {
        ["SearchIndex:PostingsPerQuery"] = PostingsPerQuery.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Issue 25 at a million inquiries, in the desk: a search reads a bounded number of postings, so a
/// common word beside a rarer one is left out, and common words alone search only the newest
/// inquiries. The page says which, in Korean, where the agent reads the results; each notice is
/// checked visible, with the real count and date, and with axe. Words are random Hangul syllable
/// pairs (one term each), so only this test's inquiries hold them.
/// </summary>
public sealed class SearchingCommonWordsInTheDesk(DeskPlatformWithSmallSearchBudget platform, Chromium chromium)
    : IClassFixture<DeskPlatformWithSmallSearchBudget>, IClassFixture<Chromium>
{
    [Fact]
    public async Task An_agent_is_told_when_a_common_word_was_left_out_and_when_only_recent_inquiries_were_searched()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (common, rare) = (Hangul(2), Hangul(2));
        var (withBoth, _) = await platform.SubmitInquiryAsync($"검색 범위 {Marker()}", $"{common} {rare} 문의입니다.");
        var submittedAt = new List<DateTimeOffset>();
        for (var i = 0; i < DeskPlatformWithSmallSearchBudget.PostingsPerQuery; i++)
        {
            platform.Inquiry.Time.Advance(TimeSpan.FromMinutes(10));
            submittedAt.Add(platform.Inquiry.Time.GetUtcNow());
            await platform.SubmitInquiryAsync($"검색 범위 {Marker()}", $"{common} 관련 문의입니다.");
        }

        var violations = new List<string>();
        var page = await chromium.NewPageAsync();
        await OpenMessageSearchAsync(page, platform.DeskUrl, agentEmail);

        // Seven inquiries hold the common word, over the budget of six: beside the rare word it is left out.
        var leftOut = page.Locator("#search-left-out");
        await SearchUntilAsync(
            page, $"{rare} {common}", async () => await leftOut.CountAsync() == 1,
            "the index to hold all seven inquiries, so the common word is left out", TimeSpan.FromSeconds(60));
        await Assertions.Expect(leftOut).ToBeVisibleAsync();
        await Assertions.Expect(leftOut).ToContainTextAsync("아주 많은 문의에 있는 낱말 1개는 구별에 도움이 되지 않아 빼고, 드문 낱말로 찾았습니다.");
        await Assertions.Expect(page.Locator("#search-recent")).ToHaveCountAsync(0);
        var rows = page.Locator("table.message-hits tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First.Locator("a")).ToHaveAttributeAsync("href", $"/inquiries/{withBoth}");
        await AssertReadableAsync(leftOut);
        await CollectAsync(page, "search-left-out", violations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.Screenshots, "message-search-left-out.png"), FullPage = true });

        // The common word alone: only the newest six inquiries are searched, from the sixth newest's submission.
        await page.FillAsync("#q", common);
        await page.ClickAsync("form[role=search] button[type=submit]");
        var recent = page.Locator("#search-recent");
        await Assertions.Expect(recent).ToBeVisibleAsync();
        await Assertions.Expect(recent).ToContainTextAsync("최근 문의에서만 찾았습니다");
        var from = submittedAt[0];
        await Assertions.Expect(recent.Locator("time")).ToHaveTextAsync(
            TimeZoneInfo.ConvertTime(from, TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul")).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Assert.Equal(from, DateTimeOffset.Parse((await recent.Locator("time").GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#search-left-out")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#search-total")).ToContainTextAsync("6건");
        await Assertions.Expect(rows).ToHaveCountAsync(DeskPlatformWithSmallSearchBudget.PostingsPerQuery);
        await Assertions.Expect(page.Locator($"table.message-hits a[href='/inquiries/{withBoth}']")).ToHaveCountAsync(0);
        await AssertReadableAsync(recent);
        await CollectAsync(page, "search-recent", violations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.Screenshots, "message-search-recent.png"), FullPage = true });

        Assert.Empty(violations);
    }

    /// <summary>
    /// The notice is laid out to be read: body-text size, inside the viewport, its text not clipped
    /// (axe checks its contrast and the page's language).
    /// </summary>
    private static async Task AssertReadableAsync(ILocator notice)
    {
        var layout = await notice.EvaluateAsync<double[]>(
            """
            element => {
                const box = element.getBoundingClientRect();
                return [parseFloat(getComputedStyle(element).fontSize), box.left, box.right, window.innerWidth, element.scrollWidth - element.clientWidth, element.scrollHeight - element.clientHeight];
            }
            """);
        var (fontSize, left, right, viewport, overflowX, overflowY) = (layout[0], layout[1], layout[2], layout[3], layout[4], layout[5]);
        Assert.True(fontSize >= 12, $"font size {fontSize}px");
        Assert.True(left >= 0 && right <= viewport, $"inside the viewport: {left}..{right} of {viewport}");
        Assert.True(overflowX <= 0 && overflowY <= 0, $"not clipped: {overflowX}px wider, {overflowY}px taller than its box");
    }

    private static string Hangul(int syllables) => string.Concat(Enumerable.Range(0, syllables).Select(_ => (char)('가' + Random.Shared.Next(11_172))));
}
