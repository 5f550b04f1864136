using System.Net;
using System.Net.Http.Json;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>Every kind of bad input gets a 4xx problem detail naming what was wrong; never a 500.</summary>
public sealed class RefusingBadInput(KnowledgeService service) : IClassFixture<KnowledgeService>
{
    private HttpClient Agent() => service.Client().WithStaff(StaffRoles.Agent);

    [Theory]
    [InlineData("{\"slug\":\"broken\",", "body")]
    [InlineData("{\"slug\":\"typed\",\"title\":42,\"category\":\"mail-security\",\"body\":\"본문\"}", "title")]
    [InlineData("{\"slug\":\"typed-list\",\"title\":\"제목\",\"category\":\"mail-security\",\"products\":\"tmse\",\"body\":\"본문\"}", "products")]
    [InlineData("{\"slug\":\"nul-title\",\"title\":\"[TMSe] \\u0000\",\"category\":\"mail-security\",\"body\":\"본문\"}", "title")]
    [InlineData("{\"slug\":\"surrogate-body\",\"title\":\"제목\",\"category\":\"mail-security\",\"body\":\"\\udc00\"}", "body")]
    [InlineData("{\"slug\":\"bad-publish\",\"title\":\"제목\",\"category\":\"mail-security\",\"body\":\"본문\",\"publish\":\"yes\"}", "publish")]
    public async Task A_malformed_mistyped_or_unstorable_article_is_400_naming_the_field(string body, string field)
    {
        var response = await Agent().SendRawAsync(HttpMethod.Post, "/api/staff/articles", BadInput.Json(body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_nul_in_an_edited_title_is_a_field_error_and_the_article_keeps_its_revision()
    {
        var client = Agent();
        (await client.PostAsJsonAsync("/api/staff/articles", new { slug = "nul-edit", title = "제목", category = "mail-security", body = "본문" })).EnsureSuccessStatusCode();

        var edit = await client.SendRawAsync(HttpMethod.Put, "/api/staff/articles/nul-edit",
            BadInput.Json("{\"title\":\"제목\\u0000\",\"category\":\"mail-security\",\"body\":\"본문\"}"), "\"1\"");

        await edit.AssertProblemAsync(HttpStatusCode.BadRequest, "title");
        Assert.Single((await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/staff/articles/nul-edit/revisions")).EnumerateArray());
    }

    [Theory]
    [InlineData("/api/articles?page=abc", "page")]
    [InlineData("/api/articles?page=99999999999", "page")]
    [InlineData("/api/articles?q=%00", "q")]
    [InlineData("/api/recommendations?text=%ED%9A%8C&limit=abc", "limit")]
    [InlineData("/api/recommendations?text=a%00b", "text")]
    public async Task Query_values_that_do_not_bind_or_cannot_be_stored_are_400_naming_the_parameter(string path, string field)
    {
        var response = await service.Client().GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_last_page_of_the_gap_report_is_empty_not_a_negative_offset()
    {
        var response = await Agent().GetAsync($"/api/staff/reports/knowledge-gaps?page={int.MaxValue}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Feedback_and_funnel_events_with_wrong_types_or_content_type_are_4xx_problem_details()
    {
        var client = service.Client();

        var mistyped = await client.SendRawAsync(HttpMethod.Post, "/api/articles/any/feedback", BadInput.Json("{\"helpful\":\"very\"}"));
        var nulSession = await client.SendRawAsync(HttpMethod.Post, "/api/funnel", BadInput.Json("{\"sessionId\":\"\\u0000\",\"kind\":\"shown\",\"slug\":\"x\"}"));
        var textPlain = await client.SendRawAsync(HttpMethod.Post, "/api/funnel", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"));

        await mistyped.AssertProblemAsync(HttpStatusCode.BadRequest, "helpful");
        await nulSession.AssertProblemAsync(HttpStatusCode.BadRequest, "sessionId");
        await textPlain.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        var client = service.Client();

        var articles = await client.GetAsync("/api/articles");
        var problem = await client.GetAsync("/api/articles?page=abc");

        articles.AssertSecurityHeaders();
        problem.AssertSecurityHeaders();
    }
}
