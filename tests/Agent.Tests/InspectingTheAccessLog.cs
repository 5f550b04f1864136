using System.Net;
using SupportPlatform.ServiceDefaults;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>The compliance officer's monthly inspection of the access log (<c>/compliance/access-log</c>).</summary>
public sealed class InspectingTheAccessLog(DeskPlatform platform) : IClassFixture<DeskPlatform>
{
    [Fact]
    public async Task The_officer_filters_by_inquiry_and_exports_what_is_shown_as_csv()
    {
        var (agentId, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent, "열람 상담원");
        var (_, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance);
        var (seen, _) = await platform.SubmitInquiryAsync("점검 대상 문의");
        var (other, _) = await platform.SubmitInquiryAsync("다른 문의");
        using var agent = await SignedInAsync(agentEmail);
        await agent.GetStringAsync($"/inquiries/{seen}");
        await agent.GetStringAsync($"/inquiries/{other}");
        using var officer = await SignedInAsync(officerEmail);

        var page = await officer.GetStringAsync($"/compliance/access-log?inquiry={seen}&action=inquiry.view");
        var csv = await officer.GetAsync($"/compliance/access-log?handler=Csv&inquiry={seen}");

        Assert.Contains("<span id=\"count\">1</span>", page, StringComparison.Ordinal);
        Assert.Contains("열람 상담원", page, StringComparison.Ordinal);
        Assert.DoesNotContain(other.ToString(), page, StringComparison.Ordinal);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,at_utc,staff_id,roles,client_address,action,inquiry_id", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines[1..]).Split(',');
        Assert.Equal((agentId.ToString(), "inquiry.view", seen.ToString()), (row[2], row[5], row[6]));
    }

    [Fact]
    public async Task A_monthly_inspection_is_recorded_with_its_inspector_and_findings()
    {
        var (_, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance, "점검 담당자");
        using var officer = await SignedInAsync(officerEmail);
        var page = await officer.GetStringAsync("/compliance/access-log");

        var missing = await officer.PostAsync("/compliance/access-log?handler=Inspection", Form(page, "2026-11", ""));
        var recorded = await officer.PostAsync("/compliance/access-log?handler=Inspection", Form(page, "2026-11", "11월 접속기록 점검: 이상 없음"));
        var after = await officer.GetStringAsync("/compliance/access-log");

        Assert.Contains("id=\"error\"", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Contains("<td>2026-11</td>", after, StringComparison.Ordinal);
        Assert.Contains("점검 담당자", after, StringComparison.Ordinal);
        Assert.Contains("11월 접속기록 점검: 이상 없음", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_inquiry_id_is_an_error_on_the_page_and_agents_may_not_inspect()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (_, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance);
        using var agent = await SignedInAsync(agentEmail);
        using var officer = await SignedInAsync(officerEmail);

        var bad = await officer.GetAsync("/compliance/access-log?inquiry=not-an-id");
        var badCsv = await officer.GetAsync("/compliance/access-log?handler=Csv&inquiry=not-an-id");

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("id=\"error\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badCsv.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/compliance/access-log")).StatusCode);
    }

    private static FormUrlEncodedContent Form(string page, string month, string notes) => new(new Dictionary<string, string>
    {
        ["Month"] = month,
        ["Notes"] = notes,
        ["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(page),
    });

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var browser = platform.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await DeskPlatform.SignInAsync(browser, email)).StatusCode);
        return browser;
    }
}
