using Microsoft.Playwright;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Agent.Tests.DeskPages;

namespace SupportPlatform.Agent.Tests;

/// <summary>The queue's next and previous links walk Inquiry's keyset cursors, and the page number goes along.</summary>
public sealed class PagingTheQueueInABrowser(DeskPlatform platform, Chromium chromium) : IClassFixture<DeskPlatform>, IClassFixture<Chromium>
{
    [Fact]
    public async Task An_agent_pages_to_the_second_page_and_back_and_sees_each_inquiry_once()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var marker = Marker();
        var submitted = new List<Guid>();
        for (var i = 0; i < 27; i++)
        {
            submitted.Add((await platform.SubmitInquiryAsync($"쪽넘김 {marker} {i}")).InquiryId);
        }

        foreach (var id in submitted)
        {
            await platform.WaitUntilQueuedAsync(id);
        }

        var page = await chromium.NewPageAsync();
        // The class has its own database: the word finds exactly these 27.
        var queue = new Uri(platform.DeskUrl, "/?q=" + Uri.EscapeDataString("쪽넘김")).ToString();
        await page.GotoAsync(queue);
        await SignInAsync(page, agentEmail);
        await page.GotoAsync(queue);

        var rows = page.Locator("#queue tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await Assertions.Expect(page.Locator("#queue-total")).ToContainTextAsync("27건");
        await Assertions.Expect(page.Locator("#queue-page")).ToHaveTextAsync("1 / 2");
        await Assertions.Expect(page.Locator("a[rel=prev]")).ToHaveCountAsync(0);
        var first = await Links(rows);

        await page.ClickAsync("a[rel=next]");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#queue-page")).ToHaveTextAsync("2 / 2");
        await Assertions.Expect(page.Locator("a[rel=next]")).ToHaveCountAsync(0);
        var second = await Links(rows);
        var violations = new List<string>();
        await CollectAsync(page, "queue, second page", violations);

        await page.ClickAsync("a[rel=prev]");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await Assertions.Expect(page.Locator("#queue-page")).ToHaveTextAsync("1 / 2");

        Assert.Equal(first, await Links(rows));
        Assert.Equal(
            submitted.Select(id => $"/inquiries/{id}").Order(StringComparer.Ordinal),
            first.Concat(second).Order(StringComparer.Ordinal));
        Assert.Empty(violations);
    }

    private static async Task<List<string>> Links(ILocator rows) =>
        [.. await rows.Locator("td:first-child a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))")];
}
