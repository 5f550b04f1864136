using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>
/// <c>GET /api/articles?q=</c> as the Lounge's search page calls it: the recommendations' ranking,
/// the same page shape as before (plus highlights), filters, paging and refusals.
/// </summary>
public sealed class SearchingArticlesOverHttp(KnowledgeService service) : IClassFixture<KnowledgeService>
{
    /// <summary>The fields the Lounge reads; an extra field must never break it.</summary>
    private sealed record LoungeSummary(string Slug, string Title, LoungeCategory Category, IReadOnlyList<string> Products, string Snippet, DateTimeOffset UpdatedAt);

    private sealed record LoungeCategory(string Slug, string Name);

    private sealed record LoungePage(IReadOnlyList<LoungeSummary> Items, int Page, int PageSize, int Total);

    private static HardQuery Line(string query) => HardQuery.Load().Single(q => q.Query == query);

    private static async Task<JsonElement> SearchAsync(HttpClient client, string query) =>
        await client.GetFromJsonAsync<JsonElement>(query);

    [Theory]
    [InlineData("컨탠츠 필터 차단 안됨")]
    [InlineData("랜섬웨이 관련")]
    [InlineData("첨부파일 열었더니 파일이 다 암호화됐어요")]
    [InlineData("상대방은 보냈다는데 받은편지함에 없어요")]
    public async Task A_typo_or_symptom_query_from_the_hard_set_finds_its_article_first_with_the_matched_words_marked(string query)
    {
        var line = Line(query);

        var page = await SearchAsync(service.Client(), "/api/articles?q=" + Uri.EscapeDataString(query));

        var first = page.GetProperty("items")[0];
        Assert.Contains(first.GetProperty("slug").GetString(), line.Slugs);
        var snippet = first.GetProperty("snippet").GetString()!;
        var matched = first.GetProperty("matchedTerms").EnumerateArray().Select(t => t.GetString()!).ToList();
        var highlights = first.GetProperty("highlights").EnumerateArray().ToList();
        Assert.NotEmpty(highlights);
        foreach (var highlight in highlights)
        {
            var marked = snippet.Substring(highlight.GetProperty("start").GetInt32(), highlight.GetProperty("length").GetInt32());
            Assert.Contains(matched, term => marked.Contains(term, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task The_typo_is_marked_as_the_word_the_article_has()
    {
        var page = await SearchAsync(service.Client(), "/api/articles?q=" + Uri.EscapeDataString("컨탠츠 필터 차단 안됨"));

        var first = page.GetProperty("items")[0];
        Assert.Contains("콘텐츠", first.GetProperty("matchedTerms").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task The_page_keeps_the_shape_the_Lounge_reads_and_lists_newest_first_without_a_query()
    {
        var client = service.Client();

        var searched = await client.GetFromJsonAsync<LoungePage>("/api/articles?q=" + Uri.EscapeDataString("대량메일발송이차단됬어요") + "&page=1");
        var listed = await SearchAsync(client, "/api/articles?category=mail-security");

        Assert.Equal((1, 20), (searched!.Page, searched.PageSize));
        Assert.True(searched.Total >= searched.Items.Count && searched.Items.Count > 0);
        Assert.All(searched.Items, item => Assert.False(string.IsNullOrEmpty(item.Slug) || string.IsNullOrEmpty(item.Title) || string.IsNullOrEmpty(item.Category.Name) || string.IsNullOrEmpty(item.Snippet)));
        var items = listed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Select(i => i.GetProperty("updatedAt").GetDateTimeOffset()).OrderDescending(), items.Select(i => i.GetProperty("updatedAt").GetDateTimeOffset()));
        Assert.All(items, item => Assert.False(item.TryGetProperty("score", out var score) && score.ValueKind != JsonValueKind.Null));
        Assert.All(items, item => Assert.Empty(item.GetProperty("highlights").EnumerateArray()));
    }

    [Fact]
    public async Task Staff_find_published_articles_to_put_into_a_reply_ranked_as_the_search_page_ranks()
    {
        var staff = service.Client().WithStaff(StaffRoles.Agent);
        var draft = await staff.PostAsJsonAsync("/api/staff/articles", new
        {
            slug = "ransomware-draft",
            title = "랜섬웨어 초안",
            category = "security-notice",
            products = Array.Empty<string>(),
            body = "랜섬웨어 초안입니다.",
            publish = false,
        });
        draft.EnsureSuccessStatusCode();

        var found = (await staff.GetFromJsonAsync<JsonElement[]>("/api/staff/articles?q=" + Uri.EscapeDataString("랜섬웨이 감염")))!;
        var page = await SearchAsync(service.Client(), "/api/articles?q=" + Uri.EscapeDataString("랜섬웨이 감염"));

        Assert.Equal("spam-and-ransomware-notice", found[0].GetProperty("slug").GetString());
        Assert.All(found, article => Assert.Equal("published", article.GetProperty("status").GetString()));
        Assert.Equal(
            page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).Take(found.Length),
            found.Select(a => a.GetProperty("slug").GetString()));

        var tooLong = await staff.GetAsync("/api/staff/articles?q=" + new string('가', 501));
        var drafts = await staff.GetAsync("/api/staff/articles?status=draft&q=" + Uri.EscapeDataString("랜섬웨어"));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (tooLong.StatusCode, drafts.StatusCode));
        Assert.True((await drafts.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task Filters_and_pages_walk_one_ranking_over_the_published_articles()
    {
        var staff = service.Client().WithStaff(StaffRoles.Agent);
        for (var i = 0; i < 23; i++)
        {
            var product = i % 3 == 0 ? "TMW" : "TMSe";
            var created = await staff.PostAsJsonAsync("/api/staff/articles", new
            {
                slug = $"penguin-notice-{i:D2}",
                title = $"[{product}] 펭귄 사내 공지 {i}",
                category = i % 2 == 0 ? "mail-security" : "usage-guide",
                products = new[] { product },
                body = $"펭귄 공지 메일 발송 순서 {i}번 안내입니다.",
                publish = true,
            });
            created.EnsureSuccessStatusCode();
        }

        var client = service.Client();
        var first = await SearchAsync(client, "/api/articles?q=" + Uri.EscapeDataString("펭귄"));
        var second = await SearchAsync(client, "/api/articles?q=" + Uri.EscapeDataString("펭귄") + "&page=2");
        var beyond = await SearchAsync(client, "/api/articles?q=" + Uri.EscapeDataString("펭귄") + "&page=3");
        var tmw = await SearchAsync(client, "/api/articles?q=" + Uri.EscapeDataString("펭귄") + "&product=tmw");
        var guide = await SearchAsync(client, "/api/articles?q=" + Uri.EscapeDataString("펭귄") + "&category=usage-guide&product=TMSe");

        static List<string> Slugs(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToList();
        Assert.Equal([23, 23, 23], new[] { first, second, beyond }.Select(p => p.GetProperty("total").GetInt32()));
        Assert.Equal((20, 3, 0), (Slugs(first).Count, Slugs(second).Count, Slugs(beyond).Count));
        Assert.Equal(Enumerable.Range(0, 23).Select(i => $"penguin-notice-{i:D2}").Order(), Slugs(first).Concat(Slugs(second)).Order());
        Assert.Equal(Enumerable.Range(0, 23).Where(i => i % 3 == 0).Select(i => $"penguin-notice-{i:D2}").Order(), Slugs(tmw).Order());
        Assert.Equal(Enumerable.Range(0, 23).Where(i => i % 3 != 0 && i % 2 == 1).Select(i => $"penguin-notice-{i:D2}").Order(), Slugs(guide).Order());
        Assert.Equal(Slugs(guide).Count, guide.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/articles?page=0")]
    [InlineData("/api/articles?page=-1")]
    [InlineData("/api/articles?q=%EB%A9%94%EC%9D%BC&page=501")]
    [InlineData("/api/articles?q=%EB%A9%94%EC%9D%BC&page=0")]
    [InlineData("/api/articles?q=%EB%A9%94%EC%9D%BC&page=two")]
    public async Task A_page_number_out_of_range_or_not_a_number_is_400_naming_page(string path)
    {
        var response = await service.Client().GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "page");
    }
}
