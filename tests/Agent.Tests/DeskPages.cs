using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>What every browser test of the desk does: sign in, check a page with axe, mark its data.</summary>
internal static class DeskPages
{
    /// <summary>Adds the page's serious and critical axe violations to <paramref name="violations"/>, named.</summary>
    public static async Task CollectAsync(IPage page, string name, List<string> violations)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes); // axe really ran on the page (the CSP does not stop it)
        violations.AddRange(result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Id} ({v.Impact}) {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
    }

    /// <summary>
    /// Signs in on the login page and waits for the signed-in page: its URL and the sign-out button
    /// every signed-in page shows. Not <c>WaitForURLAsync</c>: once the click's navigation has
    /// committed, that waits for the page's "load" event as well, and on two busy cores chromium at
    /// times reported the new page's "networkidle" but never its "load", so the sign-in, which had
    /// worked, timed out on the next page. Locator assertions poll the page itself.
    /// </summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await Assertions.Expect(page).ToHaveURLAsync(LoginPage());
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", DeskPlatform.Password);
        await page.ClickAsync("form button[type=submit]");
        await Assertions.Expect(page).Not.ToHaveURLAsync(LoginPage());
        await Assertions.Expect(page.Locator("header form.signout button")).ToBeVisibleAsync();
    }

    /// <summary>Signs in on the desk and opens 이전 문의 검색 (the search over past inquiries' messages).</summary>
    public static async Task OpenMessageSearchAsync(IPage page, Uri deskUrl, string email)
    {
        await page.GotoAsync(deskUrl.ToString());
        await SignInAsync(page, email);
        await page.ClickAsync("a[href='/inquiries/search']");
    }

    /// <summary>Searches for <paramref name="query"/> until <paramref name="found"/>: the message search index is kept after the submission.</summary>
    public static async Task SearchUntilAsync(IPage page, string query, Func<Task<bool>> found, string what, TimeSpan? within = null)
    {
        await page.FillAsync("#q", query);
        await Eventually.TrueAsync(
            async () =>
            {
                await page.ClickAsync("form[role=search] button[type=submit]");
                return await found();
            },
            what,
            within);
    }

    /// <summary>A short unique word to find a test's own inquiries and replies by.</summary>
    public static string Marker() => $"T{Guid.NewGuid():N}"[..9];

    private static Regex LoginPage() => new("/account/login");
}
