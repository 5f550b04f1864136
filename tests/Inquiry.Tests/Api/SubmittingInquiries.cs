using System.Net;
using System.Net.Http.Json;
using System.Text;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Api;

public sealed class SubmittingInquiries(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task The_consent_policy_is_the_lounge_table_in_korean()
    {
        using var client = api.Customer();

        var policy = await (await client.GetAsync("/api/consent-policy")).JsonAsync();

        Assert.Equal("2024-01", policy.GetProperty("version").GetString());
        Assert.Equal("P3Y", policy.GetProperty("retention").GetString());
        Assert.Equal("요청상담 및 고객문의의 처리", policy.GetProperty("purpose").GetString());
        Assert.Equal(
            ["email:True", "companyName:True", "phone:False"],
            policy.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("name").GetString()}:{i.GetProperty("required").GetBoolean()}"));
        Assert.Contains("관련법령에 따라 3년간 보관 후 삭제", policy.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submission_answers_201_with_a_location_and_the_customer_reads_it_back_at_once()
    {
        using var client = api.Customer();
        var request = Requests.Valid().With("summary", "랜섬웨어 관련".Normalize(NormalizationForm.FormD));

        var response = await client.PostAsJsonAsync("/api/inquiries", request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.JsonAsync();
        var id = receipt.GetProperty("inquiryId").GetGuid();
        var token = receipt.GetProperty("accessToken").GetString()!;
        Assert.Equal($"/api/inquiries/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("open", receipt.GetProperty("status").GetString());
        Assert.True(token.Length >= 43);

        var view = await ReadAsCustomerAsync(client, id, token);
        Assert.Equal(Requests.Email, view.GetProperty("email").GetString());
        Assert.Equal(Requests.Company, view.GetProperty("companyName").GetString());
        Assert.Equal(Requests.Phone, view.GetProperty("phone").GetString());
        Assert.Equal("랜섬웨어 관련", view.GetProperty("summary").GetString());
        Assert.Equal((string)Requests.Valid()["details"]!, view.GetProperty("details").GetString());
        Assert.Equal("open", view.GetProperty("status").GetString());
        Assert.Equal(api.Service.Time.GetUtcNow(), view.GetProperty("submittedAt").GetDateTimeOffset());
        Assert.False(view.TryGetProperty("notes", out _));
    }

    [Fact]
    public async Task Invalid_and_overlong_fields_answer_400_naming_each_field()
    {
        using var client = api.Customer();
        var request = Requests.Valid()
            .With("email", "kim.minji at example")
            .With("companyName", "  ")
            .With("phone", "call me maybe")
            .With("summary", new string('가', 201))
            .With("details", new string('a', 20_001))
            .With("language", "jp")
            .With("attachmentIds", Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray());

        var response = await client.PostAsJsonAsync("/api/inquiries", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["attachmentIds", "companyName", "details", "email", "language", "phone", "summary"], await response.ErrorKeysAsync());
    }

    [Theory]
    [InlineData("email", null)]
    [InlineData("summary", "")]
    [InlineData("details", null)]
    [InlineData("phone", "12345")]
    [InlineData("phone", "010-1234-5678-0000-1111-2222-33")]
    public async Task Each_rule_is_reported_on_its_own_field(string field, string? value)
    {
        using var client = api.Customer();

        var response = await client.PostAsJsonAsync("/api/inquiries", Requests.Valid().With(field, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorKeysAsync());
    }

    [Fact]
    public async Task An_address_longer_than_254_characters_is_refused()
    {
        using var client = api.Customer();
        var email = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 62), 3)) + ".kr";

        var response = await client.PostAsJsonAsync("/api/inquiries", Requests.Valid(email));

        Assert.True(email.Length > 254);
        Assert.Equal(["email"], await response.ErrorKeysAsync());
    }

    [Fact]
    public async Task Script_tags_in_details_come_back_as_the_same_literal_text_in_json()
    {
        using var client = api.Customer();
        const string details = "<script>alert('xss')</script> <img src=x onerror=alert(1)> **굵게**";
        var receipt = await api.SubmitAsync(Requests.Valid().With("details", details));

        var response = await GetAsCustomerAsync(client, receipt.InquiryId, receipt.AccessToken);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(details, (await response.JsonAsync()).GetProperty("details").GetString());
    }

    [Fact]
    public async Task An_oversized_body_answers_413_problem_details()
    {
        using var client = api.Customer();
        var request = Requests.Valid().With("details", new string('가', 100_000));

        var response = await client.PostAsJsonAsync("/api/inquiries", request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await response.JsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_wrong_or_missing_token_looks_exactly_like_an_unknown_inquiry()
    {
        using var client = api.Customer();
        var receipt = await api.SubmitAsync();

        var wrong = await GetAsCustomerAsync(client, receipt.InquiryId, receipt.AccessToken[..^2] + "xx");
        var missing = await client.GetAsync($"/api/inquiries/{receipt.InquiryId}");
        var unknown = await GetAsCustomerAsync(client, Guid.NewGuid(), receipt.AccessToken);
        var otherPost = await PostMessageAsync(client, receipt.InquiryId, "wrong", "추가 문의");

        Assert.All([wrong, missing, unknown, otherPost], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        // Identical apart from the per-request trace id.
        var bodies = await Task.WhenAll(new[] { wrong, missing, unknown }.Select(async r =>
        {
            var body = await r.JsonAsync();
            return string.Join('|', body.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
        }));
        Assert.Single(bodies.Distinct());
        Assert.Contains("title=Inquiry not found", bodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_customer_follows_up_and_sees_the_message_in_the_thread()
    {
        using var client = api.Customer();
        var receipt = await api.SubmitAsync();

        var empty = await PostMessageAsync(client, receipt.InquiryId, receipt.AccessToken, " ");
        var posted = await PostMessageAsync(client, receipt.InquiryId, receipt.AccessToken, "로그 파일을 첨부합니다.");

        Assert.Equal(["body"], await empty.ErrorKeysAsync());
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var view = await ReadAsCustomerAsync(client, receipt.InquiryId, receipt.AccessToken);
        var message = Assert.Single(view.GetProperty("messages").EnumerateArray());
        Assert.Equal("customer", message.GetProperty("author").GetString());
        Assert.Equal("로그 파일을 첨부합니다.", message.GetProperty("body").GetString());
        Assert.Equal("waiting", view.GetProperty("status").GetString());
        Assert.Equal(3, view.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_public_and_agent_endpoints()
    {
        using var client = api.Customer();

        var document = await (await client.GetAsync("/openapi/v1.json")).JsonAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("/api/inquiries", paths);
        Assert.Contains("/api/consent-policy", paths);
        Assert.Contains("/api/attachments", paths);
        Assert.Contains("/api/agent/inquiries/{id}/replies", paths);
    }

    internal static Task<HttpResponseMessage> GetAsCustomerAsync(HttpClient client, Guid id, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/inquiries/{id}");
        request.Headers.Add("X-Inquiry-Token", token);
        return client.SendAsync(request);
    }

    internal static async Task<System.Text.Json.JsonElement> ReadAsCustomerAsync(HttpClient client, Guid id, string token)
    {
        var response = await GetAsCustomerAsync(client, id, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    internal static Task<HttpResponseMessage> PostMessageAsync(HttpClient client, Guid id, string token, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/inquiries/{id}/messages") { Content = JsonContent.Create(new { body }) };
        request.Headers.Add("X-Inquiry-Token", token);
        return client.SendAsync(request);
    }

}
