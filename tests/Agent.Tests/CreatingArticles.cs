using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SupportPlatform.ServiceDefaults;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// The desk's new-article page over HTTP: a real form post (antiforgery token included) through the
/// desk to Knowledge's staff create endpoint, and Knowledge's own field errors shown per field.
/// </summary>
public sealed partial class CreatingArticles(DeskPlatform platform) : IClassFixture<DeskPlatform>
{
    private async Task<HttpClient> SignedInAgentAsync()
    {
        var (_, email) = await platform.CreateMemberAsync(StaffRoles.Agent, "문서작성자");
        var browser = platform.Browser();
        await DeskPlatform.SignInAsync(browser, email);
        return browser;
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, Dictionary<string, string> fields, string intent = "create")
    {
        var form = await browser.GetStringAsync("/articles/new");
        fields["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(form);
        fields["intent"] = intent;
        return await browser.PostAsync("/articles/new", new FormUrlEncodedContent(fields));
    }

    private Uri KnowledgeUrl() => new(platform.Desk.Settings["services:knowledge:http:0"]!);

    [Fact]
    public async Task An_agent_publishes_a_new_article_that_customers_can_search_and_the_desk_opens_it_for_editing()
    {
        using var browser = await SignedInAgentAsync();
        var slug = $"new-article-{Guid.NewGuid():N}"[..24];

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/articles/new"));
        var created = await SubmitAsync(browser, new()
        {
            ["Slug"] = slug,
            ["Title"] = "[TMSe] 펭귄 메일 예약 발송 안내",
            ["Category"] = "mail-security",
            ["Products"] = "tmse",
            ["Body"] = "예약 발송은 **관리자 페이지**에서 설정합니다.",
            ["Publish"] = "true",
        });

        Assert.Contains("<option value=\"mail-security\">메일보안장비 (mail-security)</option>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"/articles/{slug}/edit?created=true", created.Headers.Location!.OriginalString);
        var editor = WebUtility.HtmlDecode(await browser.GetStringAsync(created.Headers.Location.OriginalString));
        Assert.Contains("문서를 만들었습니다", editor, StringComparison.Ordinal);
        Assert.Contains("rev 1", editor, StringComparison.Ordinal);
        Assert.Contains("문서작성자", editor, StringComparison.Ordinal);

        using var knowledge = new HttpClient { BaseAddress = KnowledgeUrl() };
        var article = await knowledge.GetFromJsonAsync<JsonElement>($"/api/articles/{slug}");
        Assert.Equal("[TMSe] 펭귄 메일 예약 발송 안내", article.GetProperty("title").GetString());
        Assert.Equal(["TMSe"], article.GetProperty("products").EnumerateArray().Select(p => p.GetString()));
        var search = await knowledge.GetFromJsonAsync<JsonElement>("/api/articles?q=" + Uri.EscapeDataString("펭귄 예약발송"));
        Assert.Equal(slug, search.GetProperty("items")[0].GetProperty("slug").GetString());
    }

    [Fact]
    public async Task An_unpublished_article_is_a_draft_customers_do_not_see()
    {
        using var browser = await SignedInAgentAsync();
        var slug = $"draft-{Guid.NewGuid():N}"[..18];

        var created = await SubmitAsync(browser, new() { ["Slug"] = slug, ["Title"] = "초안 문서", ["Category"] = "usage-guide", ["Body"] = "아직 검토 중입니다." });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var knowledge = new HttpClient { BaseAddress = KnowledgeUrl() };
        Assert.Equal(HttpStatusCode.NotFound, (await knowledge.GetAsync($"/api/articles/{slug}")).StatusCode);
        var list = WebUtility.HtmlDecode(await browser.GetStringAsync("/articles"));
        Assert.Contains("초안 문서</a></td><td>이용가이드</td><td>draft</td>", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Knowledges_field_errors_are_shown_beside_each_field_and_the_text_typed_is_kept()
    {
        using var browser = await SignedInAgentAsync();

        var refused = await SubmitAsync(browser, new() { ["Slug"] = "Bad Slug!", ["Title"] = " ", ["Category"] = "", ["Products"] = "tmx", ["Body"] = "남겨둘 본문" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("lower-case letters, digits and single hyphens", FieldError(html, "Slug"), StringComparison.Ordinal);
        Assert.Equal("A title is required.", FieldError(html, "Title"));
        Assert.StartsWith("Unknown category", FieldError(html, "Category"), StringComparison.Ordinal);
        Assert.StartsWith("Unknown product 'tmx'", FieldError(html, "Products"), StringComparison.Ordinal);
        Assert.Null(FieldError(html, "Body"));
        foreach (var field in new[] { "Slug", "Title", "Category", "Products" })
        {
            Assert.Matches($"id=\"{field}\"[^>]*aria-invalid=\"true\"|aria-invalid=\"true\"[^>]*id=\"{field}\"", html);
            Assert.Matches($"aria-describedby=\"[^\"]*{field}-error\"", html);
        }

        Assert.Contains("남겨둘 본문</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Bad Slug!\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slug_that_is_taken_is_a_field_error_and_nothing_is_overwritten()
    {
        using var browser = await SignedInAgentAsync();
        var slug = $"taken-{Guid.NewGuid():N}"[..18];
        var first = await SubmitAsync(browser, new() { ["Slug"] = slug, ["Title"] = "첫 문서", ["Category"] = "mail-security", ["Body"] = "첫 본문" });

        var second = await SubmitAsync(browser, new() { ["Slug"] = slug, ["Title"] = "두 번째 문서", ["Category"] = "mail-security", ["Body"] = "두 번째 본문" });

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("An article with this slug exists.", FieldError(WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()), "Slug"));
        var editor = WebUtility.HtmlDecode(await browser.GetStringAsync($"/articles/{slug}/edit"));
        Assert.Contains("value=\"첫 문서\"", editor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preview_renders_the_markdown_without_creating_anything()
    {
        using var browser = await SignedInAgentAsync();
        var slug = $"preview-{Guid.NewGuid():N}"[..20];

        var preview = await SubmitAsync(browser, new() { ["Slug"] = slug, ["Title"] = "미리보기", ["Category"] = "mail-security", ["Body"] = "**굵게** <script>alert(1)</script>" }, intent: "preview");

        var raw = await preview.Content.ReadAsStringAsync();
        Assert.Matches("<div class=\"preview\" id=\"preview\"><p><strong>굵게</strong>", WebUtility.HtmlDecode(raw));
        Assert.DoesNotContain("<script>alert(1)</script>", raw, StringComparison.Ordinal);
        using var knowledge = new HttpClient { BaseAddress = KnowledgeUrl() };
        Assert.Equal(HttpStatusCode.NotFound, (await knowledge.GetAsync($"/api/articles/{slug}")).StatusCode);
    }

    [Fact]
    public async Task Without_the_antiforgery_token_or_the_agent_role_nothing_is_created()
    {
        using var agent = await SignedInAgentAsync();
        var (_, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance);
        using var officer = platform.Browser();
        await DeskPlatform.SignInAsync(officer, officerEmail);
        var slug = $"forged-{Guid.NewGuid():N}"[..19];

        var forged = await agent.PostAsync("/articles/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Slug"] = slug, ["Title"] = "위조", ["Category"] = "mail-security", ["Body"] = "본문", ["Publish"] = "true", ["intent"] = "create",
        }));
        var officerPage = await officer.GetAsync("/articles/new");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, officerPage.StatusCode);
        using var knowledge = new HttpClient { BaseAddress = KnowledgeUrl() };
        Assert.Equal(HttpStatusCode.NotFound, (await knowledge.GetAsync($"/api/articles/{slug}")).StatusCode);
    }

    /// <summary>The message the page shows beside a field, or null.</summary>
    private static string? FieldError(string html, string field) =>
        Regex.Match(html, $"<p class=\"field-error\" id=\"{field}-error\">([^<]*)</p>") is { Success: true } match ? match.Groups[1].Value : null;
}
