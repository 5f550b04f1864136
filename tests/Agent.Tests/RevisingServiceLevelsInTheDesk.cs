using System.Net;
using Microsoft.Playwright;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Agent.Tests.DeskPages;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// SLA 정책과 영업일 (/admin/service-levels) in Debian's chromium against the real Inquiry service:
/// an admin saves a revision and reads it in the history, sees Inquiry's field errors beside the
/// inputs and lines, is told when another admin saved first, follows a rebuild to its end, and axe
/// finds nothing serious on any of these states. Agents cannot open the page.
/// </summary>
public sealed class RevisingServiceLevelsInTheDesk(DeskPlatform platform, Chromium chromium) : IClassFixture<DeskPlatform>, IClassFixture<Chromium>
{
    [Fact]
    public async Task An_admin_saves_a_revision_reads_its_history_and_rebuilds_the_read_models()
    {
        var (_, adminEmail) = await platform.CreateMemberAsync(StaffRoles.Admin);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(Url("/admin/service-levels"));
        await SignInAsync(page, adminEmail);
        var violations = new List<string>();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("SLA 정책과 영업일");
        await Assertions.Expect(page.Locator("#revision")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#target-0-firstResponseMinutes")).ToHaveValueAsync("60");
        await Assertions.Expect(page.Locator("#exceptions")).ToContainTextAsync("2026-06-03 제9회 전국동시지방선거");
        await CollectAsync(page, "service levels", violations);

        await page.FillAsync("#target-0-firstResponseMinutes", "30");
        await page.FillAsync("#exceptions", await page.InputValueAsync("#exceptions") + "\n2026-12-24 창립기념일 휴무\n2026-12-26 10:00-14:00 보충 근무");
        await page.ClickAsync("#save");

        await Assertions.Expect(page.Locator("#done")).ToContainTextAsync("개정 2");
        await Assertions.Expect(page.Locator("#revision")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#revision-name")).ToHaveTextAsync("rev-2");
        await Assertions.Expect(page.Locator("#revisions tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#revisions tbody tr").First.Locator("li")).ToHaveTextAsync([
            "긴급 Urgent · 첫 응답 First response: 1시간 → 30분",
            "2026-12-24: — → 휴무 Closed: 창립기념일 휴무",
            "2026-12-26: — → 근무 Working 10:00-14:00: 보충 근무",
        ]);
        await Assertions.Expect(page.Locator("#revisions tbody tr").Last.Locator("td").Nth(1)).ToHaveTextAsync("설정 Configuration");
        await CollectAsync(page, "service levels saved", violations);

        // Inquiry's field errors beside the input and under the text box, naming the line; what was typed stays.
        await page.FillAsync("#target-1-nextResponseMinutes", "0");
        await page.FillAsync("#exceptions", "2026-13-01 잘못된 날짜\n2026-12-28 18:00-09:00 거꾸로");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("입력한 값을 확인해 주세요");
        await Assertions.Expect(page.Locator("#target-1-nextResponseMinutes")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#target-1-nextResponseMinutes")).ToHaveValueAsync("0");
        await Assertions.Expect(page.Locator("#exceptions-error li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#exceptions-error li").First).ToContainTextAsync("1번째 줄");
        await Assertions.Expect(page.Locator("#exceptions-error li").Last).ToContainTextAsync("2번째 줄");
        await Assertions.Expect(page.Locator("#exceptions")).ToHaveAttributeAsync("aria-invalid", "true");
        await CollectAsync(page, "service levels with errors", violations);

        // Another admin saves from the same revision first: this save is refused, nothing is overwritten.
        await page.GotoAsync(Url("/admin/service-levels"));
        var other = await chromium.NewPageAsync();
        await other.GotoAsync(Url("/admin/service-levels"));
        await SignInAsync(other, adminEmail);
        await other.FillAsync("#target-3-resolutionMinutes", "6000");
        await other.ClickAsync("#save");
        await Assertions.Expect(other.Locator("#revision")).ToHaveTextAsync("3");
        await page.FillAsync("#target-3-resolutionMinutes", "7000");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("개정 3");
        await Assertions.Expect(page.Locator("#target-3-resolutionMinutes")).ToHaveValueAsync("6000");
        await CollectAsync(page, "service levels saved by someone else", violations);

        await page.ClickAsync("#rebuild");
        await Assertions.Expect(page.Locator("#done")).ToContainTextAsync("재계산을 요청했습니다");
        await Eventually.TrueAsync(async () =>
        {
            await page.GotoAsync(Url("/admin/service-levels"));
            return await page.Locator("#rebuild-last-state").TextContentAsync() == "완료 Finished";
        }, "the rebuild to finish", TimeSpan.FromSeconds(60));
        await Assertions.Expect(page.Locator("#rebuild-state")).ToContainTextAsync("개정 3");
        await Assertions.Expect(page.Locator("#progress-queue")).ToBeVisibleAsync();
        await CollectAsync(page, "service levels rebuilt", violations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.Screenshots, "service-levels.png"), FullPage = true });

        Assert.Empty(violations);
    }

    [Fact]
    public async Task Only_admins_open_the_service_levels()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        using var agent = platform.Browser();
        await DeskPlatform.SignInAsync(agent, agentEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/admin/service-levels")).StatusCode);
    }

    private string Url(string path) => new Uri(platform.DeskUrl, path).ToString();
}
