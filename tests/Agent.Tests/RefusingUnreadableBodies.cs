using System.Net;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// A body no decoder can read answers 415 problem details on every JSON endpoint of every service
/// (issue 20, finding 2: these 16 answered 500 to <c>charset=bogus-x</c>), with or without a token.
/// </summary>
public sealed class RefusingUnreadableBodies(DeskPlatform platform) : IClassFixture<DeskPlatform>
{
    public static TheoryData<string, string, string, string?> EveryJsonEndpoint() => new()
    {
        { "inquiry", "POST", "/api/inquiries", null },
        { "inquiry", "POST", "/api/inquiries/{id}/messages", null },
        { "inquiry", "POST", "/api/inquiry-links", null },
        { "inquiry", "POST", "/api/agent/inquiries/{id}/replies", StaffRoles.Agent },
        { "inquiry", "POST", "/api/agent/inquiries/{id}/notes", StaffRoles.Agent },
        { "inquiry", "POST", "/api/agent/inquiries/{id}/assign", StaffRoles.Agent },
        { "inquiry", "POST", "/api/compliance/retention-runs", StaffRoles.Compliance },
        { "inquiry", "POST", "/api/compliance/inquiries/{id}/legal-hold", StaffRoles.Compliance },
        { "inquiry", "POST", "/api/compliance/erasure-requests", StaffRoles.Compliance },
        { "knowledge", "POST", "/api/funnel", null },
        { "knowledge", "POST", "/api/articles/{slug}/feedback", null },
        { "knowledge", "POST", "/api/staff/articles", StaffRoles.Agent },
        { "knowledge", "PUT", "/api/staff/articles/{slug}", StaffRoles.Agent },
        { "knowledge", "PUT", "/api/staff/vocabulary/{concept}", StaffRoles.Agent },
        { "knowledge", "POST", "/api/staff/learned-terms/rejections", StaffRoles.Agent },
        { "desk", "POST", "/api/auth/token", null },
    };

    [Theory]
    [MemberData(nameof(EveryJsonEndpoint))]
    public async Task An_unknown_charset_is_415_problem_details(string service, string method, string path, string? role)
    {
        var (inquiryId, _, token) = await platform.SubmitInquiryWithTokenAsync("문자 집합 점검");
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, ServerCertificateCustomValidationCallback = TestCertificate.IsTrusted })
        {
            BaseAddress = service switch { "inquiry" => platform.InquiryUrl, "knowledge" => platform.KnowledgeUrl, _ => platform.DeskUrl },
        };
        if (role is not null)
        {
            client.WithStaff(role);
        }

        client.DefaultRequestHeaders.Add("X-Inquiry-Token", token);
        var target = path.Replace("{id}", inquiryId.ToString(), StringComparison.Ordinal)
            .Replace("{slug}", "spam-filter-basics", StringComparison.Ordinal)
            .Replace("{concept}", "spam", StringComparison.Ordinal);

        var response = await client.SendRawAsync(new HttpMethod(method), target, BadInput.JsonWithCharset("{}", "bogus-x"), ifMatch: "\"1\"");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
