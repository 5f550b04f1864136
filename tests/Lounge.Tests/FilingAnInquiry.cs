using Microsoft.Playwright;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Lounge.Tests;

/// <summary>1:1 문의하기 in a real browser, against the real services.</summary>
[Collection(LoungeCollection.Name)]
public sealed class FilingAnInquiry(LoungeSite site)
{
    private const string RansomwareArticle = "[정보공유] 스팸메일 및 랜섬웨어 관련 정보공유";

    [Fact]
    public async Task Typing_a_summary_recommends_articles_that_open_in_a_new_tab_and_feed_the_deflection_funnel()
    {
        var page = await site.OpenPageAsync();
        await page.GotoAsync("/inquiries/new");
        var asked = 0;
        page.Request += (_, request) => asked += request.Url.Contains("/recommendations?", StringComparison.Ordinal) ? 1 : 0;

        await page.GetByLabel("이메일 주소").FillAsync("reader@customer.test");
        await page.GetByLabel("문의 요약").PressSequentiallyAsync("랜섬웨어 관련", new() { Delay = 40 });

        var recommendations = page.Locator("#recommendations");
        var article = recommendations.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(RansomwareArticle)) });
        await Assertions.Expect(article).ToBeVisibleAsync();
        await Assertions.Expect(recommendations.GetByRole(AriaRole.Heading, new() { Name = "추천 문서" })).ToBeVisibleAsync();
        // Seven keystrokes 40 ms apart, one question: the script waits for a pause in typing.
        Assert.Equal(1, asked);

        var opened = await page.Context.RunAndWaitForPageAsync(() => article.ClickAsync());
        await Assertions.Expect(opened.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(RansomwareArticle);
        // What was typed is still there: the article opened beside the form, not instead of it.
        await Assertions.Expect(page.GetByLabel("문의 요약")).ToHaveValueAsync("랜섬웨어 관련");
        await Assertions.Expect(page.GetByLabel("이메일 주소")).ToHaveValueAsync("reader@customer.test");

        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "lounge-rs").Value;
        await Eventually.TrueAsync(async () =>
            await site.Database.ScalarAsync<long>(
                "SELECT count(DISTINCT kind) FROM knowledge.funnel_events WHERE session_id = @session AND slug = 'spam-and-ransomware-notice'",
                ("session", session)) == 2,
            "the funnel to record the recommendation as shown and opened");
    }

    [Fact]
    public async Task A_summary_only_near_an_article_shows_it_as_possibly_related()
    {
        var page = await site.OpenPageAsync();
        await page.GotoAsync("/inquiries/new");

        // A misspelt ending keeps the spam-sending article under the cut-off, near enough for the softer line.
        await page.GetByLabel("문의 요약").PressSequentiallyAsync("스펨메일이 발송되요", new() { Delay = 40 });

        var recommendations = page.Locator("#recommendations");
        await Assertions.Expect(recommendations.GetByRole(AriaRole.Heading, new() { Name = "관련 있을 수 있는 문서" })).ToBeVisibleAsync();
        await Assertions.Expect(recommendations.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Assertions.Expect(recommendations.GetByRole(AriaRole.Link)).ToContainTextAsync("스팸메일이 발송되는 원인");

        await page.GetByLabel("문의 요약").FillAsync("랜섬웨어 관련");
        await Assertions.Expect(recommendations.GetByRole(AriaRole.Heading, new() { Name = "추천 문서" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Sending_without_consent_explains_why_and_sends_nothing()
    {
        var email = $"no-consent-{Guid.NewGuid():N}@customer.test";
        var page = await site.OpenPageAsync();
        await page.GotoAsync("/inquiries/new");
        await FillAsync(page, email, "동의 없이 보내 봅니다");

        await page.GetByRole(AriaRole.Button, new() { Name = "제출" }).ClickAsync();

        var consent = page.GetByLabel("개인정보 처리방침에 동의합니다.");
        await Assertions.Expect(page.Locator("#consent-error")).ToContainTextAsync("동의해야 문의를 접수할 수 있습니다");
        await Assertions.Expect(consent).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(consent).ToBeFocusedAsync();
        Assert.EndsWith("/inquiries/new", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByLabel("문의 요약")).ToHaveValueAsync("동의 없이 보내 봅니다");
        await AssertNoInquiryOfAsync(email);
    }

    [Fact]
    public async Task Sending_with_consent_and_an_attachment_shows_the_private_link_which_the_receipt_email_carries_too()
    {
        var email = $"filer-{Guid.NewGuid():N}@customer.test";
        var page = await site.OpenPageAsync();
        await page.GotoAsync("/inquiries/new");
        await FillAsync(page, email, "랜섬웨어 관련");
        await page.GetByLabel("전화 번호 (선택 사항)").FillAsync("02-1234-5678");

        await page.Locator("#files").SetInputFilesAsync(new FilePayload
        {
            Name = "maillog.txt",
            MimeType = "text/plain",
            Buffer = System.Text.Encoding.UTF8.GetBytes("Nov 30 09:00:01 tmse smtpd: 421 Your IP is not allowed to use smtp auth\n"),
        });
        await Assertions.Expect(page.Locator("#attachment-list")).ToContainTextAsync("maillog.txt");
        await Assertions.Expect(page.Locator("#attachment-list input[name=AttachmentIds]")).ToHaveCountAsync(1);
        await page.GetByLabel("개인정보 처리방침에 동의합니다.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "제출" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "문의가 접수되었습니다" })).ToBeVisibleAsync();
        var link = await page.Locator("#private-link").GetAttributeAsync("href");
        Assert.StartsWith($"{site.LoungeUrl}inquiries/", link, StringComparison.Ordinal);

        var receipt = await site.FirstMailToAsync(email);
        Assert.Contains(link!, receipt.TextBody ?? "", StringComparison.Ordinal);

        await page.GotoAsync(link!);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("랜섬웨어 관련");
        await Assertions.Expect(page.Locator(".thread")).ToContainTextAsync("스팸서버에서 랜섬웨어 첨부 메일이 통과됩니다.");
        await Assertions.Expect(page.Locator(".thread")).ToContainTextAsync("maillog.txt");
    }

    [Fact]
    public async Task The_form_works_with_javascript_turned_off()
    {
        var email = $"no-script-{Guid.NewGuid():N}@customer.test";
        var page = await site.OpenPageAsync(javaScript: false);
        await page.GotoAsync("/inquiries/new");
        await Assertions.Expect(page.Locator(".md-toolbar")).ToBeHiddenAsync();
        await FillAsync(page, email, "스크립트 없이 보내는 문의");
        await page.GetByLabel("전화 번호 (선택 사항)").FillAsync("전화");
        await page.Locator("#files").SetInputFilesAsync(new FilePayload
        {
            Name = "보고서.txt",
            MimeType = "text/plain",
            Buffer = System.Text.Encoding.UTF8.GetBytes("반송 메일 목록\n"),
        });

        // Without consent, the server refuses before anything leaves the site; what was typed stays.
        await page.GetByRole(AriaRole.Button, new() { Name = "제출" }).ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToContainTextAsync("동의해야 문의를 접수할 수 있습니다");
        await Assertions.Expect(page.GetByLabel("문의 요약")).ToHaveValueAsync("스크립트 없이 보내는 문의");

        // With consent, the API's field errors come back beside their fields, in Korean.
        await page.GetByLabel("개인정보 처리방침에 동의합니다.").CheckAsync();
        await page.Locator("#files").SetInputFilesAsync(new FilePayload
        {
            Name = "보고서.txt",
            MimeType = "text/plain",
            Buffer = System.Text.Encoding.UTF8.GetBytes("반송 메일 목록\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "제출" }).ClickAsync();
        var phone = page.GetByLabel("전화 번호 (선택 사항)");
        await Assertions.Expect(phone).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#phone-error")).ToContainTextAsync("숫자가 6개 이상");
        await Assertions.Expect(phone).ToHaveAttributeAsync("aria-describedby", "phone-error");
        // The file went up on the first valid try and is kept, by id, for the next.
        await Assertions.Expect(page.Locator("#attachment-list")).ToContainTextAsync("보고서.txt");

        await phone.FillAsync("010-9876-5432");
        await page.GetByLabel("개인정보 처리방침에 동의합니다.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "제출" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "문의가 접수되었습니다" })).ToBeVisibleAsync();
        await page.GotoAsync((await page.Locator("#private-link").GetAttributeAsync("href"))!);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("스크립트 없이 보내는 문의");
        await Assertions.Expect(page.Locator(".thread")).ToContainTextAsync("보고서.txt");
    }

    private static async Task FillAsync(IPage page, string email, string summary)
    {
        await page.GetByLabel("이메일 주소").FillAsync(email);
        await page.GetByLabel("문의 요약").FillAsync(summary);
        await page.GetByLabel("회사명").FillAsync("다우테크놀로지");
        await page.GetByLabel("문의 상세").FillAsync("스팸서버에서 랜섬웨어 첨부 메일이 통과됩니다.");
    }

    /// <summary>
    /// Proves a negative without sleeping: a marker inquiry filed afterwards through the API must
    /// reach the agents' queue first; by then an inquiry of <paramref name="email"/> would be there too.
    /// </summary>
    private async Task AssertNoInquiryOfAsync(string email)
    {
        var marker = $"marker-{Guid.NewGuid():N}@customer.test";
        await site.SubmitThroughApiAsync(marker, "표식 문의");
        await Eventually.TrueAsync(async () => await site.QueuedInquiriesOfAsync(marker) == 1, "the marker inquiry in the agents' queue");
        Assert.Equal(0, await site.QueuedInquiriesOfAsync(email));
    }
}
