using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace SupportPlatform.Knowledge.Tests;

public sealed class RecommendingOverHttp(KnowledgeService service, ITestOutputHelper output) : IClassFixture<KnowledgeService>
{
    private sealed record RecommendationDto(string Slug, string Title, string Category, string Snippet, double Score, bool PossiblyRelated = false);

    [Fact]
    public async Task A_text_that_only_comes_near_the_cut_off_gets_its_best_article_marked_possibly_related()
    {
        var client = service.Client();
        // A misspelt verb ending: the spam-sending article is the best candidate, under the cut-off but near it.
        var near = await client.GetFromJsonAsync<RecommendationDto[]>("/api/recommendations?text=" + Uri.EscapeDataString("스펨메일이 발송되요") + "&limit=5");
        var clear = await client.GetFromJsonAsync<RecommendationDto[]>("/api/recommendations?text=" + Uri.EscapeDataString("랜섬웨어 관련") + "&limit=5");
        var unrelated = await client.GetFromJsonAsync<RecommendationDto[]>("/api/recommendations?text=" + Uri.EscapeDataString("점심 메뉴 추천") + "&limit=5");

        var only = Assert.Single(near!);
        Assert.True(only.PossiblyRelated);
        Assert.Equal("tmse-spam-sending-causes-and-prevention", only.Slug);
        Assert.All(clear!, r => Assert.False(r.PossiblyRelated));
        Assert.Empty(unrelated!);
    }

    [Fact]
    public async Task The_public_eval_set_has_recall_at_3_of_at_least_0_9()
    {
        var client = service.Client();
        var queries = EvalQuery.Public();
        var misses = new List<string>();
        foreach (var query in queries)
        {
            var top = await client.GetFromJsonAsync<RecommendationDto[]>($"/api/recommendations?text={Uri.EscapeDataString(query.Query)}&limit=3");
            if (!query.IsAnsweredBy(top!.Select(r => r.Title)))
            {
                misses.Add($"{query.Query} → expected {string.Join(" | ", query.Expected)}; got [{string.Join("; ", top!.Select(r => r.Title))}]");
            }
        }

        var recall = 1.0 - (double)misses.Count / queries.Count;
        output.WriteLine($"recall@3 = {recall:0.000}");
        misses.ForEach(output.WriteLine);
        Assert.True(recall >= 0.9, $"recall@3 = {recall:0.000}; misses:\n{string.Join('\n', misses)}");
    }

    [Fact]
    public async Task The_lounge_example_recommends_the_ransomware_notice_with_a_snippet_and_a_server_timing()
    {
        var response = await service.Client().GetAsync("/api/recommendations?text=" + Uri.EscapeDataString("랜섬웨어 관련") + "&limit=5");
        response.EnsureSuccessStatusCode();
        var recommendations = (await response.Content.ReadFromJsonAsync<RecommendationDto[]>())!;

        Assert.Equal("[정보공유] 스팸메일 및 랜섬웨어 관련 정보공유", recommendations[0].Title);
        Assert.Equal("정보공유", recommendations[0].Category);
        Assert.Contains("랜섬웨어", recommendations[0].Snippet, StringComparison.Ordinal);
        Assert.True(recommendations[0].Score > 0);
        var timing = Assert.Single(response.Headers.GetValues("Server-Timing"));
        Assert.StartsWith("app;dur=", timing, StringComparison.Ordinal);
        Assert.True(double.Parse(timing["app;dur=".Length..], CultureInfo.InvariantCulture) >= 0);
    }

    [Fact]
    public async Task Bad_input_gets_problem_details_with_field_errors_and_blank_text_gets_nothing()
    {
        var client = service.Client();
        var response = await client.GetAsync("/api/recommendations?text=x&limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));

        var tooLong = await client.GetAsync("/api/recommendations?text=" + new string('가', 501));
        Assert.True((await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("text", out _));

        Assert.Empty((await client.GetFromJsonAsync<RecommendationDto[]>("/api/recommendations?text=%20"))!);
    }

    [Fact]
    public async Task The_search_page_filters_by_category_and_product_and_ranks_by_query()
    {
        var client = service.Client();
        var tmw = await client.GetFromJsonAsync<JsonElement>("/api/articles?product=tmw");
        Assert.Equal(["spam-and-ransomware-notice", "tmw-bulk-mail-settings"],
            tmw.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("slug").GetString()).Order());

        var guide = await client.GetFromJsonAsync<JsonElement>("/api/articles?category=" + Uri.EscapeDataString("이용가이드"));
        Assert.Equal(1, guide.GetProperty("total").GetInt32());

        var searched = await client.GetFromJsonAsync<JsonElement>("/api/articles?q=" + Uri.EscapeDataString("슈퍼 화이트 IP") + "&product=TMW");
        Assert.Equal("tmw-bulk-mail-settings", searched.GetProperty("items")[0].GetProperty("slug").GetString());

        var all = await client.GetFromJsonAsync<JsonElement>("/api/articles");
        Assert.Equal(13, all.GetProperty("total").GetInt32());

        var unknown = await client.GetAsync("/api/articles?category=nope&page=0");
        var errors = (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("category", out _) && errors.TryGetProperty("page", out _));

        var categories = await client.GetFromJsonAsync<JsonElement>("/api/categories");
        Assert.Equal(11, categories.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "mail-security").GetProperty("articles").GetInt32());
    }

    [Fact]
    public async Task OpenApi_describes_the_endpoints()
    {
        var document = await service.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/recommendations", out _));
        Assert.True(paths.TryGetProperty("/api/staff/articles/{slug}/revisions", out _));
    }
}
