using System.Net;
using System.Net.Http.Json;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>Every kind of bad input gets a 4xx problem detail naming what was wrong, and stores nothing; never a 500.</summary>
public sealed class RefusingBadInput(InquiryApi api) : IClassFixture<InquiryApi>
{
    private const string ValidRest = "\"summary\":\"랜섬웨어 관련\",\"details\":\"본문\",\"consent\":{\"accepted\":true,\"policyVersion\":\"2024-01\"}";

    [Theory]
    [InlineData("{\"email\":\"kim@example.co.kr\",", "body")]
    [InlineData("{\"email\":5," + ValidRest + "}", "email")]
    [InlineData("{\"email\":\"kim@example.co.kr\",\"companyName\":\"회사\"," + ValidRest + ",\"consent\":{\"accepted\":\"yes\"}}", "consent.accepted")]
    [InlineData("{\"attachmentIds\":[\"not-a-guid\"]}", "attachmentIds[0]")]
    [InlineData("[1,2]", "body")]
    [InlineData("null", "body")]
    [InlineData("", "body")]
    public async Task Malformed_or_mistyped_json_is_400_naming_the_field(string body, string field)
    {
        using var client = api.Customer();

        var response = await client.SendRawAsync(HttpMethod.Post, "/api/inquiries", BadInput.Json(body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("companyName", "\\u0000")]
    [InlineData("summary", "앞\\u0000뒤")]
    [InlineData("details", "\\ud800")]
    [InlineData("details", "Unicode noncharacter \\uffff")]
    [InlineData("email", "kim\\u0000@example.co.kr")]
    public async Task Text_the_database_cannot_store_is_refused_in_the_field_and_nothing_is_stored(string field, string escaped)
    {
        using var client = api.Customer();
        var fields = new Dictionary<string, string>
        {
            ["email"] = "kim@example.co.kr", ["companyName"] = "다우", ["summary"] = "요약", ["details"] = "본문",
        };
        fields[field] = escaped;
        var json = "{" + string.Join(',', fields.Select(f => $"\"{f.Key}\":\"{f.Value}\"")) + ",\"consent\":{\"accepted\":true,\"policyVersion\":\"2024-01\"}}";
        var before = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_streams");

        var response = await client.SendRawAsync(HttpMethod.Post, "/api/inquiries", BadInput.Json(json));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_streams"));
    }

    [Fact]
    public async Task A_nul_in_a_reply_a_follow_up_or_a_legal_hold_reason_is_a_field_error()
    {
        var receipt = await api.SubmitAsync();
        using var agent = api.Agent();
        using var customer = api.Customer();
        customer.DefaultRequestHeaders.Add("X-Inquiry-Token", receipt.AccessToken);
        using var compliance = api.Compliance();

        var reply = await agent.SendRawAsync(HttpMethod.Post, $"/api/agent/inquiries/{receipt.InquiryId}/replies", BadInput.Json("{\"body\":\"답변\\u0000\"}"), "\"2\"");
        var followUp = await customer.SendRawAsync(HttpMethod.Post, $"/api/inquiries/{receipt.InquiryId}/messages", BadInput.Json("{\"body\":\"\\u0000\"}"));
        var hold = await compliance.SendRawAsync(HttpMethod.Post, $"/api/compliance/inquiries/{receipt.InquiryId}/legal-hold", BadInput.Json("{\"reason\":\"소송\\u0000\"}"));

        await reply.AssertProblemAsync(HttpStatusCode.BadRequest, "body");
        await followUp.AssertProblemAsync(HttpStatusCode.BadRequest, "body");
        await hold.AssertProblemAsync(HttpStatusCode.BadRequest, "reason");
    }

    [Theory]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=abc", "pageSize")]
    [InlineData("page=99999999999", "page")]
    [InlineData("page=0", "page")]
    [InlineData("q=%00", "q")]
    public async Task Query_values_that_are_not_numbers_or_overflow_are_400_naming_the_parameter(string query, string field)
    {
        using var agent = api.Agent();

        var response = await agent.GetAsync($"/api/agent/inquiries?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public void A_database_that_cannot_be_reached_is_503_even_wrapped_by_a_library()
    {
        var refused = new Npgsql.NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111));
        var wrapped = new Marten.Exceptions.MartenCommandException(new Npgsql.NpgsqlCommand("select 1"), refused);

        Assert.Equal(503, ServiceDefaults.Http.BadRequestExceptionHandler.Classify(refused)?.Status);
        Assert.Equal(503, ServiceDefaults.Http.BadRequestExceptionHandler.Classify(wrapped)?.Status);
        Assert.Null(ServiceDefaults.Http.BadRequestExceptionHandler.Classify(new InvalidOperationException("a bug", new ArgumentException("inner"))));
    }

    [Fact]
    public async Task The_all_zero_id_is_no_inquiry_for_anyone()
    {
        using var compliance = api.Compliance();
        using var agent = api.Agent();
        using var customer = api.Customer();
        using var service = api.Service.CreateClient().WithStaff("service");
        customer.DefaultRequestHeaders.Add("X-Inquiry-Token", "any");
        agent.DefaultRequestHeaders.Add("If-Match", "\"1\"");
        var empty = Guid.Empty;

        var answers = new[]
        {
            await compliance.PostAsJsonAsync($"/api/compliance/inquiries/{empty}/legal-hold", new { reason = "소송" }),
            await compliance.DeleteAsync($"/api/compliance/inquiries/{empty}/legal-hold"),
            await agent.GetAsync($"/api/agent/inquiries/{empty}"),
            await agent.PostAsJsonAsync($"/api/agent/inquiries/{empty}/replies", new { body = "답변" }),
            await customer.GetAsync($"/api/inquiries/{empty}"),
            await service.GetAsync($"/internal/inquiries/{empty}"),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
    }

    [Fact]
    public async Task A_malformed_or_foreign_cursor_is_400_and_one_past_the_end_is_an_empty_page()
    {
        using var agent = api.Agent();
        var id = Guid.NewGuid().ToString("N");
        var last = new SupportPlatform.Inquiry.Inquiries.Queueing.QueueCursor(DateTimeOffset.MaxValue, Guid.NewGuid());

        var garbage = await agent.GetAsync("/api/agent/inquiries?after=page-1000");
        var undatedForActivity = await agent.GetAsync($"/api/agent/inquiries?sort=activity&before=none_{id}");
        var both = await agent.GetAsync($"/api/agent/inquiries?after=0_{id}&before=0_{id}");
        var pastTheEnd = await agent.GetAsync($"/api/agent/inquiries?after={last}&pageSize=100");

        Assert.Equal(["after"], await garbage.ErrorKeysAsync());
        Assert.Equal(["before"], await undatedForActivity.ErrorKeysAsync());
        Assert.Equal(["before"], await both.ErrorKeysAsync());
        Assert.Equal(HttpStatusCode.OK, pastTheEnd.StatusCode);
        var page = await pastTheEnd.JsonAsync();
        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.False(page.TryGetProperty("next", out _));
    }

    [Fact]
    public async Task Broken_multipart_is_400_and_a_line_break_in_a_file_name_never_reaches_a_header()
    {
        using var client = api.Customer();

        var wrongBoundary = await client.PostAsync("/api/attachments", BadInput.MultipartWithWrongBoundary());
        var noBoundary = await client.PostAsync("/api/attachments", BadInput.MultipartWithoutBoundary());
        var json = await client.PostAsync("/api/attachments", BadInput.Json("{}"));
        var injected = await client.PostAsync("/api/attachments", BadInput.MultipartWithLineBreakInFileName());

        await wrongBoundary.AssertProblemAsync(HttpStatusCode.BadRequest);
        await noBoundary.AssertProblemAsync(HttpStatusCode.BadRequest);
        await json.AssertProblemAsync(HttpStatusCode.BadRequest, "file");
        Assert.Equal(HttpStatusCode.OK, injected.StatusCode);
        var fileName = (await injected.JsonAsync()).GetProperty("fileName").GetString()!;
        Assert.DoesNotContain('\r', fileName);
        Assert.DoesNotContain('\n', fileName);
    }

    [Fact]
    public async Task A_missing_or_wrong_content_type_is_415_problem_details()
    {
        using var client = api.Customer();
        var body = System.Text.Json.JsonSerializer.Serialize(Requests.Valid());

        var missing = await client.SendRawAsync(HttpMethod.Post, "/api/inquiries", new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body)));
        var wrong = await client.SendRawAsync(HttpMethod.Post, "/api/inquiries", new StringContent(body, System.Text.Encoding.UTF8, "text/plain"));

        await missing.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await wrong.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_personal_data_is_never_cached()
    {
        var receipt = await api.SubmitAsync();
        using var customer = api.Customer();
        customer.DefaultRequestHeaders.Add("X-Inquiry-Token", receipt.AccessToken);

        var view = await customer.GetAsync($"/api/inquiries/{receipt.InquiryId}");
        var problem = await customer.SendRawAsync(HttpMethod.Post, "/api/inquiries", BadInput.Json("{"));

        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        view.AssertSecurityHeaders();
        problem.AssertSecurityHeaders();
        Assert.True(view.Headers.CacheControl?.NoStore, "no-store on an inquiry");
    }
}
