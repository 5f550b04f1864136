using System.Net;
using System.Net.Http.Json;
using SupportPlatform.Inquiry.Tests.PersonalData;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// Issue 20, finding 3: a short private-link signature answered 500. Every token shape on every
/// customer endpoint must look like a wrong token: 404 problem details.
/// </summary>
public sealed class RefusingMalformedTokens(InquiryApi api) : IClassFixture<InquiryApi>
{
    public static TheoryData<string> Tokens()
    {
        // An empty header is the same as none, which SubmittingInquiries covers.
        return [.. MintingLinkTokens.MalformedTokenShapes().Where(t => t.Length > 0), new string('A', 43), new string('A', 5000), "문의-토큰"];
    }

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task A_malformed_token_answers_404_on_every_customer_endpoint(string token)
    {
        using var client = api.Customer();
        var receipt = await api.SubmitAsync();
        var id = receipt.InquiryId;

        var responses = new[]
        {
            await client.SendAsync(WithToken(new HttpRequestMessage(HttpMethod.Get, $"/api/inquiries/{id}"), token)),
            await client.SendAsync(WithToken(new HttpRequestMessage(HttpMethod.Post, $"/api/inquiries/{id}/messages") { Content = JsonContent.Create(new { body = "추가 문의" }) }, token)),
            await client.SendAsync(WithToken(new HttpRequestMessage(HttpMethod.Get, $"/api/inquiries/{id}/attachments/{Guid.NewGuid()}"), token)),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private static HttpRequestMessage WithToken(HttpRequestMessage request, string token)
    {
        // Without validation: a front end may forward whatever bytes a link carried.
        request.Headers.TryAddWithoutValidation("X-Inquiry-Token", token);
        return request;
    }
}
