using System.IO.Compression;
using Microsoft.Playwright;
using SupportPlatform.ServiceDefaults;
using Xunit;
using static SupportPlatform.Agent.Tests.DeskPages;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// The compliance officer's PIPA records in Debian's chromium: the access log and its inspection,
/// an access request answered with its export, and an erasure with its certificate in the
/// destruction ledger, each page checked with axe.
/// </summary>
public sealed class KeepingPipaRecordsInABrowser(DeskPlatform platform, Chromium chromium) : IClassFixture<DeskPlatform>, IClassFixture<Chromium>
{
    [Fact]
    public async Task The_officer_inspects_the_access_log_answers_an_access_request_and_prints_an_erasure_certificate()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent, "열람상담원");
        var (_, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance, "보호책임자");
        var (inquiryId, customerEmail) = await platform.SubmitInquiryAsync("브라우저 점검 문의", attachment: ("로그.txt", "blocked"));
        using (var agent = platform.Browser())
        {
            await DeskPlatform.SignInAsync(agent, agentEmail);
            await agent.GetStringAsync($"/inquiries/{inquiryId}");
        }

        var page = await chromium.NewPageAsync();
        var violations = new List<string>();
        await page.GotoAsync(new Uri(platform.DeskUrl, "/compliance/access-log").ToString());
        await SignInAsync(page, officerEmail);

        // 접속기록: filter by the inquiry, then record the month's inspection.
        await page.FillAsync("#inquiry", inquiryId.ToString());
        await page.ClickAsync("form.filters button[type=submit]");
        await Assertions.Expect(page.Locator("#access-log tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#access-log tbody tr")).ToContainTextAsync("열람상담원");
        await page.FillAsync("#notes", "11월 점검: 이상 없음");
        await page.ClickAsync("form[action*=Inspection] button[type=submit]");
        await Assertions.Expect(page.Locator("#done")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#inspection-list")).ToContainTextAsync("11월 점검: 이상 없음");
        await CollectAsync(page, "access-log", violations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.Screenshots, "access-log.png"), FullPage = true });

        // 열람 요구: the export is found by the address and downloaded once.
        await page.GotoAsync(new Uri(platform.DeskUrl, "/compliance/access-requests").ToString());
        await page.FillAsync("#reference", "2026-PIPA-0042");
        await page.FillAsync("#email", customerEmail);
        await page.ClickAsync("form[action*=Export] button[type=submit]");
        await Assertions.Expect(page.Locator("#prepared-count")).ToHaveTextAsync("1");
        await CollectAsync(page, "access-requests", violations);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        using (var zip = new ZipArchive(File.OpenRead(await download.PathAsync())))
        {
            Assert.Contains(zip.Entries, e => e.FullName == $"inquiry-{inquiryId}/inquiry.html");
        }

        await page.GotoAsync(new Uri(platform.DeskUrl, "/compliance/access-requests").ToString());
        var row = page.Locator("#requests tbody tr", new() { HasTextString = "2026-PIPA-0042" });
        await Assertions.Expect(row.Locator("td").Nth(5)).Not.ToHaveTextAsync("—");
        await row.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator("#done")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.Screenshots, "access-requests.png"), FullPage = true });

        // 삭제 요구 → 파기 기록 → 파기 확인서.
        await page.GotoAsync(new Uri(platform.DeskUrl, "/compliance/erasure").ToString());
        await page.FillAsync("#Email", customerEmail);
        await page.CheckAsync("#Confirmed");
        await page.ClickAsync("form button[type=submit].danger");
        await page.ClickAsync("#certificate-link");
        await Assertions.Expect(page.Locator("#certificate-title")).ToContainTextAsync("파기 확인서");
        await Assertions.Expect(page.Locator("#certificate")).ToContainTextAsync("문의 1건");
        await CollectAsync(page, "certificate", violations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.Screenshots, "erasure-certificate.png"), FullPage = true });
        await page.GotoAsync(new Uri(platform.DeskUrl, "/compliance/destruction-ledger").ToString());
        await Assertions.Expect(page.Locator("#ledger tr[data-kind=erasure]")).ToHaveCountAsync(1);
        await CollectAsync(page, "destruction-ledger", violations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.Screenshots, "destruction-ledger.png"), FullPage = true });

        Assert.Empty(violations);
        Assert.DoesNotContain(customerEmail, await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
