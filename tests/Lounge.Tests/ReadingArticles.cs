using Microsoft.Playwright;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Lounge.Tests;

/// <summary>The help center part: home, categories, articles with feedback, search, the usage guide.</summary>
[Collection(LoungeCollection.Name)]
public sealed class ReadingArticles(LoungeSite site)
{
    [Fact]
    public async Task The_home_greets_and_lists_the_categories_and_the_mail_security_faq()
    {
        var page = await site.OpenPageAsync();
        await page.GotoAsync("/");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("안녕하세요. 무엇을 도와드릴까요?");
        var header = page.Locator("header");
        await Assertions.Expect(header.GetByRole(AriaRole.Link, new() { Name = "고객케어 라운지" })).ToBeVisibleAsync();
        await Assertions.Expect(header.GetByRole(AriaRole.Searchbox, new() { Name = "도움말 검색" })).ToBeVisibleAsync();
        foreach (var item in new[] { "이용가이드", "1:1문의하기", "내 문의" })
        {
            await Assertions.Expect(header.GetByRole(AriaRole.Link, new() { Name = item, Exact = true })).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.Locator(".category-grid")).ToContainTextAsync("메일보안장비");
        var faq = page.Locator(".faq");
        await Assertions.Expect(faq.GetByRole(AriaRole.Heading)).ToContainTextAsync("메일보안장비");
        await Assertions.Expect(faq.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(6);
        await Assertions.Expect(faq).ToContainTextAsync("[TMSe]");

        await faq.GetByRole(AriaRole.Heading).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("메일보안장비");
        await Assertions.Expect(page.Locator(".article-list")).ToContainTextAsync("[TMSe]스팸서버에서 스팸메일이 발송되는 원인 및 예방 조치 방법");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_article_renders_its_markdown_and_asks_whether_it_helped(bool javaScript)
    {
        var page = await site.OpenPageAsync(javaScript);
        await page.GotoAsync("/articles/spam-and-ransomware-notice");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("[정보공유] 스팸메일 및 랜섬웨어 관련 정보공유");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "사용자 예방 수칙" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".article__body strong").First).ToBeVisibleAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "도움이 되었나요?" })).ToBeVisibleAsync();
        var before = await HelpfulVotesAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "예, 도움이 되었어요" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "의견을 보내 주셔서 감사합니다." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "예, 도움이 되었어요" })).ToBeHiddenAsync();
        await Eventually.TrueAsync(async () => await HelpfulVotesAsync() > before, "the feedback in Knowledge");
    }

    private Task<long> HelpfulVotesAsync() => site.Database.ScalarAsync<long>(
        "SELECT count(*) FROM knowledge.feedback f JOIN knowledge.articles a ON a.id = f.article_id WHERE a.slug = 'spam-and-ransomware-notice' AND f.helpful");

    [Fact]
    public async Task Search_results_highlight_what_matched()
    {
        var page = await site.OpenPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "도움말 검색" }).FillAsync("랜섬웨어");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "도움말 검색" }).PressAsync("Enter");

        var results = page.Locator(".search-results");
        await Assertions.Expect(results.GetByRole(AriaRole.Link, new() { Name = "[정보공유] 스팸메일 및 랜섬웨어 관련 정보공유" })).ToBeVisibleAsync();
        await Assertions.Expect(results.Locator("mark").First).ToHaveTextAsync("랜섬웨어");
        Assert.Contains("q=%EB%9E%9C%EC%84%AC%EC%9B%A8%EC%96%B4", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelled_search_finds_the_article_and_marks_the_word_it_has()
    {
        var page = await site.OpenPageAsync();
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("보안쎈터"));

        // Knowledge corrected the typo; its matched terms let the page mark the word as the article spells it.
        var first = page.Locator(".search-results li").First;
        await Assertions.Expect(first.GetByRole(AriaRole.Link)).ToContainTextAsync("보안센터에 로그인");
        await Assertions.Expect(first.Locator("a mark").First).ToHaveTextAsync("보안센터");
    }

    [Fact]
    public async Task The_usage_guide_is_the_guide_article()
    {
        var page = await site.OpenPageAsync();
        await page.GotoAsync("/");
        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "이용가이드" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("고객케어 라운지 이용 방법");
        await Assertions.Expect(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "이용가이드" })).ToHaveAttributeAsync("aria-current", "page");
    }
}
