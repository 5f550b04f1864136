using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Knowledge.Seeding;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

public sealed class ManagingArticles(KnowledgeService service) : IClassFixture<KnowledgeService>
{
    private HttpClient Agent() => service.Client().WithStaff(StaffRoles.Agent);

    private static object NewArticle(string slug, string title = "[TMSe] 테스트 문서", string body = "본문입니다.") =>
        new { slug, title, category = "메일보안장비", products = new[] { "tmse" }, body };

    [Fact]
    public async Task Every_edit_is_kept_as_a_revision_with_its_editor_and_content()
    {
        var client = Agent();
        (await client.PostAsJsonAsync("/api/staff/articles", NewArticle("revision-test", body: "첫 번째 본문"))).EnsureSuccessStatusCode();
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/staff/articles/revision-test")
        {
            Content = JsonContent.Create(new { title = "[TMSe] 고친 제목", category = "mail-security", products = new[] { "TMSe", "TMW" }, body = "두 번째 본문" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var edit = await client.SendAsync(request);
        edit.EnsureSuccessStatusCode();
        Assert.Equal("\"2\"", edit.Headers.ETag!.Tag);

        var revisions = await client.GetFromJsonAsync<JsonElement>("/api/staff/articles/revision-test/revisions");
        Assert.Equal([2, 1], revisions.EnumerateArray().Select(r => r.GetProperty("revision").GetInt32()));
        Assert.Equal("두 번째 본문", revisions[0].GetProperty("markdown").GetString());
        Assert.Equal("첫 번째 본문", revisions[1].GetProperty("markdown").GetString());
        Assert.Equal("[TMSe] 테스트 문서", revisions[1].GetProperty("title").GetString());
        Assert.Contains("Test Agent", revisions[0].GetProperty("editor").GetString(), StringComparison.Ordinal);
        var first = await client.GetFromJsonAsync<JsonElement>("/api/staff/articles/revision-test/revisions/1");
        Assert.Equal("<p>첫 번째 본문</p>\n", first.GetProperty("html").GetString());
    }

    [Fact]
    public async Task A_stale_if_match_is_refused_instead_of_overwriting()
    {
        var client = Agent();
        (await client.PostAsJsonAsync("/api/staff/articles", NewArticle("stale-edit"))).EnsureSuccessStatusCode();
        var content = new { title = "[TMSe] 제목", category = "mail-security", products = Array.Empty<string>(), body = "본문 2" };
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/staff/articles/stale-edit") { Content = JsonContent.Create(content) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var stale = new HttpRequestMessage(HttpMethod.Put, "/api/staff/articles/stale-edit") { Content = JsonContent.Create(content) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task An_edit_without_if_match_is_refused_with_428_and_changes_nothing()
    {
        var client = Agent();
        (await client.PostAsJsonAsync("/api/staff/articles", NewArticle("unguarded-edit"))).EnsureSuccessStatusCode();

        var blind = await client.PutAsJsonAsync("/api/staff/articles/unguarded-edit",
            new { title = "[TMSe] 덮어쓴 제목", category = "mail-security", products = Array.Empty<string>(), body = "덮어쓴 본문" });

        Assert.Equal((HttpStatusCode)428, blind.StatusCode);
        Assert.Equal("application/problem+json", blind.Content.Headers.ContentType?.MediaType);
        var revisions = await client.GetFromJsonAsync<JsonElement>("/api/staff/articles/unguarded-edit/revisions");
        Assert.Single(revisions.EnumerateArray());
    }

    [Fact]
    public async Task A_script_in_markdown_is_shown_as_text_and_step_lists_stay_ordered()
    {
        var client = Agent();
        var body = "<script>alert('x')</script>\n\n1. 첫 단계\n2. 둘째 단계\n\n[링크](javascript:alert(1))\n";
        (await client.PostAsJsonAsync("/api/staff/articles", new { slug = "script-test", title = "스크립트 시험", category = "usage-guide", products = Array.Empty<string>(), body, publish = true }))
            .EnsureSuccessStatusCode();

        var article = await service.Client().GetFromJsonAsync<JsonElement>("/api/articles/script-test");
        var html = article.GetProperty("html").GetString()!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<ol>", html, StringComparison.Ordinal);
        Assert.Equal(body, article.GetProperty("markdown").GetString());
    }

    [Fact]
    public async Task Drafts_stay_hidden_until_published_and_disappear_again_when_unpublished()
    {
        var client = Agent();
        var anonymous = service.Client();
        (await client.PostAsJsonAsync("/api/staff/articles", NewArticle("draft-visibility", "[TMSe] 쿼런틴 보관함 용량 초과 안내"))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/articles/draft-visibility")).StatusCode);
        Assert.DoesNotContain("draft-visibility", await anonymous.GetStringAsync("/api/recommendations?text=" + Uri.EscapeDataString("쿼런틴 보관함")), StringComparison.Ordinal);

        (await client.PostAsync("/api/staff/articles/draft-visibility/publish", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/articles/draft-visibility")).StatusCode);
        Assert.Contains("draft-visibility", await anonymous.GetStringAsync("/api/recommendations?text=" + Uri.EscapeDataString("쿼런틴 보관함")), StringComparison.Ordinal);

        (await client.PostAsync("/api/staff/articles/draft-visibility/unpublish", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/articles/draft-visibility")).StatusCode);
    }

    [Fact]
    public async Task Bad_articles_get_an_error_per_field_and_a_taken_slug_a_conflict()
    {
        var client = Agent();
        var response = await client.PostAsJsonAsync("/api/staff/articles",
            new { slug = "Bad Slug!", title = new string('가', 201), category = "없는분류", products = new[] { "XYZ" }, body = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "slug", "title", "category", "products", "body" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }

        var huge = await client.PostAsJsonAsync("/api/staff/articles", NewArticle("huge-body", body: new string('a', 100_001)));
        Assert.True((await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("body", out _));

        (await client.PostAsJsonAsync("/api/staff/articles", NewArticle("taken-slug"))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/staff/articles", NewArticle("taken-slug"))).StatusCode);
    }

    [Fact]
    public async Task Only_agents_and_admins_may_write()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client().PostAsJsonAsync("/api/staff/articles", NewArticle("anon-write"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Client().WithStaff(StaffRoles.Compliance).PostAsJsonAsync("/api/staff/articles", NewArticle("compliance-write"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await service.Client().WithStaff(StaffRoles.Admin).PostAsJsonAsync("/api/staff/articles", NewArticle("admin-write"))).StatusCode);
    }

    [Fact]
    public async Task The_shipped_articles_load_once_and_reloading_them_changes_nothing()
    {
        Assert.Equal(13, SeedArticles.Shipped().Count);
        Assert.Equal(13, await service.Database.ScalarAsync<long>("SELECT count(*) FROM knowledge.articles WHERE seed_hash IS NOT NULL"));
        var revisionsBefore = await service.Database.ScalarAsync<long>(
            "SELECT count(*) FROM knowledge.article_revisions WHERE editor = 'seed'");

        var changed = await service.Factory.Services.GetRequiredService<SeedArticles>().ApplyAsync(CancellationToken.None);

        Assert.Equal(0, changed);
        Assert.Equal(revisionsBefore, await service.Database.ScalarAsync<long>("SELECT count(*) FROM knowledge.article_revisions WHERE editor = 'seed'"));
        var titles = SeedArticles.Shipped().Select(s => s.Title).ToList();
        Assert.Contains("[정보공유] 스팸메일 및 랜섬웨어 관련 정보공유", titles);
        Assert.Contains("[TMSe]메일 발송 시 too many recipient 반송메일이 옵니다.", titles);
    }

    [Fact]
    public async Task A_changed_seed_file_becomes_the_next_revision()
    {
        var seed = SeedArticles.Shipped().Single(s => s.Slug == "customer-care-lounge-guide");
        // As if the shipped file had been different before: the stored hash no longer matches.
        await service.Database.ScalarAsync<int>("UPDATE knowledge.articles SET seed_hash = 'older' WHERE slug = @slug RETURNING revision", ("slug", seed.Slug));

        var changed = await service.Factory.Services.GetRequiredService<SeedArticles>().ApplyAsync(CancellationToken.None);

        Assert.Equal(1, changed);
        var revisions = await Agent().GetFromJsonAsync<JsonElement>($"/api/staff/articles/{seed.Slug}/revisions");
        Assert.Equal(2, revisions[0].GetProperty("revision").GetInt32());
        Assert.Equal(seed.Hash, await service.Database.ScalarAsync<string>("SELECT seed_hash FROM knowledge.articles WHERE slug = @slug", ("slug", seed.Slug)));
    }
}
