using System.Net;
using Npgsql;
using SupportPlatform.ServiceDefaults;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>Corrections (정정) through <c>/compliance/access-requests</c>: every inquiry of the address gets the new value; the register keeps no address.</summary>
public sealed class AnsweringSubjectRequests(DeskPlatform platform) : IClassFixture<DeskPlatform>
{
    [Fact]
    public async Task A_correction_changes_the_company_the_agent_sees_and_is_registered_without_personal_data()
    {
        var (_, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance);
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (inquiryId, customerEmail) = await platform.SubmitInquiryAsync("정정 요구 테스트");
        await platform.WaitUntilQueuedAsync(inquiryId);
        using var officer = await SignedInAsync(officerEmail);
        using var agent = await SignedInAsync(agentEmail);
        var form = await officer.GetStringAsync("/compliance/access-requests");

        var corrected = await officer.PostAsync("/compliance/access-requests?handler=Correct", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reference"] = "2026-FIX-7",
            ["Email"] = customerEmail,
            ["Field"] = "company",
            ["Value"] = "새이름테크 주식회사",
            ["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(form),
        }));
        var register = await officer.GetStringAsync("/compliance/access-requests");
        var inquiryPage = await agent.GetStringAsync($"/inquiries/{inquiryId}");

        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Contains("2026-FIX-7", register, StringComparison.Ordinal);
        Assert.Contains("정정 (Correction): company", register, StringComparison.Ordinal);
        Assert.Contains("문의 1건의 회사명", register, StringComparison.Ordinal);
        Assert.Contains("새이름테크 주식회사", inquiryPage, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(platform.Database.ConnectionString);
        await connection.OpenAsync();
        await using var dump = new NpgsqlCommand("SELECT string_agg(t::text, ' ') FROM agent.subject_requests t", connection);
        var everything = (string)(await dump.ExecuteScalarAsync())!;
        Assert.DoesNotContain(customerEmail, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("새이름테크", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_with_a_name_in_it_or_a_bad_address_is_refused_on_the_page()
    {
        var (_, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance);
        using var officer = await SignedInAsync(officerEmail);
        var form = await officer.GetStringAsync("/compliance/access-requests");

        foreach (var (reference, email) in new[] { ("홍길동-요청", "someone@customer.test"), ("2026-1", "not an address") })
        {
            var response = await officer.PostAsync("/compliance/access-requests?handler=Export", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Reference"] = reference,
                ["Email"] = email,
                ["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(form),
            }));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("id=\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var browser = platform.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await DeskPlatform.SignInAsync(browser, email)).StatusCode);
        return browser;
    }
}
