using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace SupportPlatform.Lounge.Tests;

/// <summary>
/// axe-core (WCAG 2.1 A and AA rules) on every page, at desktop and phone width, with and without
/// errors on the form; the screenshots the README shows are taken on the way.
/// </summary>
[Collection(LoungeCollection.Name)]
public sealed partial class CheckingEveryPage(LoungeSite site)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public static TheoryData<bool> Widths => new() { false, true };

    [Theory]
    [InlineData("/", "홈")]
    [InlineData("/inquiries/new", "문의 등록")]
    public async Task Korean_is_sent_as_text_not_as_character_references(string path, string title)
    {
        using var lounge = site.Lounge();

        var html = await (await lounge.GetAsync(path)).Content.ReadAsStringAsync();

        // The title is written through Razor's encoder (ViewData), unlike the layout's literal text.
        Assert.Contains($"<title>{title} | 고객케어 라운지</title>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(HangulReference(), html);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Every_page_passes_axe_without_serious_or_critical_violations(bool phone)
    {
        var (id, token) = await site.SubmitThroughApiAsync($"axe-{Guid.NewGuid():N}@customer.test", "랜섬웨어 관련", "스팸서버에서 **랜섬웨어** 첨부 메일이 통과됩니다.\n\n- 1월 5일부터\n- 하루 20통 정도");
        var page = await site.OpenPageAsync(phone: phone);
        var width = phone ? "phone" : "desktop";
        var failures = new List<string>();

        async Task CheckAsync(string name, string path, Func<IPage, Task>? before = null, string? screenshot = null)
        {
            if (path.Length > 0)
            {
                await page.GotoAsync(path);
            }

            if (before is not null)
            {
                await before(page);
            }

            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
            });
            failures.AddRange(result.Violations
                .Where(v => Blocking.Contains(v.Impact))
                .Select(v => $"{name} ({width}): {v.Id} [{v.Impact}] {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
            if (screenshot is not null)
            {
                await Screenshots.SaveAsync(page, $"{screenshot}-{width}");
            }
        }

        await CheckAsync("home", "/", screenshot: "home");
        await CheckAsync("category", "/categories/mail-security");
        await CheckAsync("article", "/articles/tmse-spam-sending-causes-and-prevention", screenshot: "article");
        await CheckAsync("search", "/search?q=" + Uri.EscapeDataString("대량메일 차단"), screenshot: "search");
        await CheckAsync("guide", "/guide");
        await CheckAsync("form", "/inquiries/new", async p =>
        {
            await p.GetByLabel("이메일 주소").FillAsync("abc@daouoffice.com");
            await p.GetByLabel("문의 요약").PressSequentiallyAsync("랜섬웨어 관련", new() { Delay = 30 });
            await Assertions.Expect(p.Locator("#recommendation-list li").First).ToBeVisibleAsync();
        }, screenshot: "form");
        await CheckAsync("form with errors", "", async p =>
        {
            await p.GetByLabel("개인정보 처리방침에 동의합니다.").CheckAsync();
            await p.GetByRole(AriaRole.Button, new() { Name = "제출" }).ClickAsync();
            await Assertions.Expect(p.Locator("#error-summary")).ToBeVisibleAsync();
        }, screenshot: "form-errors");
        await CheckAsync("confirmation", "", async p =>
        {
            await p.GetByLabel("회사명").FillAsync("다우테크놀로지");
            await p.GetByLabel("문의 상세").FillAsync("스팸서버에서 랜섬웨어 첨부 메일이 통과됩니다.");
            await p.GetByRole(AriaRole.Button, new() { Name = "제출" }).ClickAsync();
            await Assertions.Expect(p.GetByRole(AriaRole.Heading, new() { Name = "문의가 접수되었습니다" })).ToBeVisibleAsync();
        }, screenshot: "sent");
        await CheckAsync("inquiry", $"/inquiries/{id}?token={Uri.EscapeDataString(token)}", screenshot: "inquiry");
        var (rated, _) = await site.SubmitThroughApiAsync($"axe-survey-{Guid.NewGuid():N}@customer.test", "만족도 평가");
        var survey = $"/inquiries/{rated}/satisfaction?token={Uri.EscapeDataString(await site.AnswerAndCloseAsync(rated))}";
        await CheckAsync("survey", survey, screenshot: "survey");
        await CheckAsync("survey with errors", "", async p =>
        {
            await p.GetByRole(AriaRole.Button, new() { Name = "평가 보내기" }).ClickAsync();
            await Assertions.Expect(p.Locator("#score-error")).ToBeVisibleAsync();
        });
        await CheckAsync("survey rated", "", async p =>
        {
            await p.GetByLabel("4점 – 도움이 되었어요").CheckAsync();
            await p.GetByRole(AriaRole.Button, new() { Name = "평가 보내기" }).ClickAsync();
            await Assertions.Expect(p.GetByRole(AriaRole.Status)).ToContainTextAsync("평가해 주셔서 감사합니다.");
        });
        await CheckAsync("my inquiries", "/my-inquiries");
        await CheckAsync("not found", "/articles/no-such-article");

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>A numeric reference to a Hangul syllable (U+AC00–U+D7A3), as Razor's default encoder writes them.</summary>
    [GeneratedRegex("&#x(?:A[C-F]|[BC][0-9A-F]|D[0-7])[0-9A-F]{2};", RegexOptions.IgnoreCase)]
    private static partial Regex HangulReference();
}

/// <summary>
/// Screenshots of every checked page: into docs/images/lounge/ (the README's pictures) when
/// SUPPORTPLATFORM_UPDATE_SCREENSHOTS=1, else into TestResults/lounge/, so a test run leaves the
/// checkout as it found it.
/// </summary>
public static class Screenshots
{
    public const string UpdateVariable = "SUPPORTPLATFORM_UPDATE_SCREENSHOTS";

    public static async Task SaveAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable(UpdateVariable) == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "images", "lounge")
            : Path.Combine(RepositoryRoot(), "TestResults", "lounge");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SupportPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.GetTempPath();
    }
}
