using System.Net;
using System.Net.Http.Json;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Inquiry.Tests.Retention;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.AccessRequests;

/// <summary>A data subject's correction (정정) of their email, company or phone: an event on each of their inquiries.</summary>
public sealed class CorrectingContactDetails(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task A_corrected_company_and_email_are_what_the_desk_the_emails_and_the_lookups_see_from_then_on()
    {
        const string before = "correct.before@correct-example.co.kr";
        const string after = "correct.after@correct-example.co.kr";
        using var compliance = api.Compliance();
        using var agent = api.Agent();
        var first = await api.SubmitAsync(Requests.Valid(before));
        var second = await api.SubmitAsync(Requests.Valid(before));
        var other = await api.SubmitAsync(Requests.Valid("correct.other@correct-example.co.kr"));

        var company = await compliance.PostAsJsonAsync("/api/compliance/corrections", new { email = before, field = "company", value = "정정된회사 주식회사" });
        var email = await compliance.PostAsJsonAsync("/api/compliance/corrections", new { email = before, field = "email", value = after });

        Assert.Equal((2, 2), await CountsAsync(company));
        Assert.Equal((2, 2), await CountsAsync(email));
        var view = await (await agent.GetAsync($"/api/agent/inquiries/{first.InquiryId}")).JsonAsync();
        Assert.Equal(("정정된회사 주식회사", after), (view.GetProperty("companyName").GetString(), view.GetProperty("email").GetString()));
        var untouched = await (await agent.GetAsync($"/api/agent/inquiries/{other.InquiryId}")).JsonAsync();
        Assert.Equal(Requests.Company, untouched.GetProperty("companyName").GetString());
        using var service = api.Service.CreateClient().WithStaff("service");
        Assert.Equal(after, (await (await service.GetAsync($"/internal/inquiries/{second.InquiryId}")).JsonAsync()).GetProperty("email").GetString());
        await Eventually.TrueAsync(
            async () => (await (await agent.GetAsync($"/api/agent/inquiries?q={after}")).JsonAsync()).GetProperty("total").GetInt64() == 2,
            "the queue to find both inquiries under the corrected address");
        Assert.Equal(0, (await (await agent.GetAsync($"/api/agent/inquiries?q={before}")).JsonAsync()).GetProperty("total").GetInt64());
        var events = await api.Database.ScalarAsync<string>(
            "SELECT string_agg(data::text, ' ') FROM inquiry.mt_events WHERE type = 'contact_details_corrected'");
        Assert.False(ComplianceDesk.Reveals(events, after));
        Assert.False(ComplianceDesk.Reveals(events, "정정된회사"));
    }

    [Theory]
    [InlineData("name", "홍길동", "field")]
    [InlineData("email", "not an address", "value")]
    [InlineData("phone", "call me", "value")]
    [InlineData("company", "", "value")]
    public async Task A_correction_needs_a_known_field_and_a_valid_value(string field, string value, string invalid)
    {
        using var compliance = api.Compliance();

        var response = await compliance.PostAsJsonAsync("/api/compliance/corrections", new { email = "someone@correct-example.co.kr", field, value });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(invalid, (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    private static async Task<(int Found, int Corrected)> CountsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.JsonAsync();
        return (result.GetProperty("found").GetInt32(), result.GetProperty("corrected").GetInt32());
    }
}
