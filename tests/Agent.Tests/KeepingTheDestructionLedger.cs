extern alias agent;

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SupportPlatform.ServiceDefaults;
using Xunit;
using AccessLogOptions = agent::SupportPlatform.Agent.AccessRecords.Purging.AccessLogOptions;
using AccessLogPurger = agent::SupportPlatform.Agent.AccessRecords.Purging.AccessLogPurger;

namespace SupportPlatform.Agent.Tests;

/// <summary>The destruction ledger (<c>/compliance/destruction-ledger</c>) and the erasure certificate (파기 확인서).</summary>
public sealed partial class KeepingTheDestructionLedger(DeskPlatform platform) : IClassFixture<DeskPlatform>
{
    [Fact]
    public async Task An_erasure_appears_in_the_ledger_and_gets_a_certificate_that_names_no_one()
    {
        var (_, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance, "보호책임자");
        var (_, customerEmail) = await platform.SubmitInquiryAsync("파기 확인서 테스트", attachment: ("메일로그.txt", "blocked"));
        using var officer = await SignedInAsync(officerEmail);
        var form = await officer.GetStringAsync("/compliance/erasure");
        var erased = await (await officer.PostAsync("/compliance/erasure", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = customerEmail,
            ["Confirmed"] = "true",
            ["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(form),
        }))).Content.ReadAsStringAsync();
        var runId = Guid.Parse(CertificateLink().Match(erased).Groups[1].Value);

        var ledger = await officer.GetStringAsync("/compliance/destruction-ledger");
        var csv = await officer.GetStringAsync("/compliance/destruction-ledger?handler=Csv");
        var certificate = await officer.GetAsync($"/compliance/destruction-ledger/{runId}/certificate");
        var certificateHtml = await certificate.Content.ReadAsStringAsync();

        Assert.Contains($"data-kind=\"erasure\" data-run=\"{runId}\"", ledger, StringComparison.Ordinal);
        Assert.Contains("문의 1건, 이벤트", ledger, StringComparison.Ordinal);
        Assert.Contains("첨부파일 1건", ledger, StringComparison.Ordinal);
        Assert.Contains($",erasure,", csv, StringComparison.Ordinal);
        Assert.Contains(runId.ToString(), csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, certificate.StatusCode);
        Assert.Contains("개인정보 파기 확인서", certificateHtml, StringComparison.Ordinal);
        Assert.Contains(runId.ToString(), certificateHtml, StringComparison.Ordinal);
        Assert.Contains("암호화 키 파기", certificateHtml, StringComparison.Ordinal);
        Assert.Contains("보호책임자", certificateHtml, StringComparison.Ordinal);
        foreach (var page in new[] { ledger, csv, certificateHtml })
        {
            Assert.DoesNotContain(customerEmail, page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("다우테크놀로지", page, StringComparison.Ordinal);
            Assert.DoesNotContain("메일로그", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_purge_of_the_access_log_appears_in_the_ledger_and_a_retention_run_gets_no_certificate()
    {
        var (_, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance);
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (inquiryId, _) = await platform.SubmitInquiryAsync("접속기록 파기");
        using (var agent = await SignedInAsync(agentEmail))
        {
            await agent.GetStringAsync($"/inquiries/{inquiryId}");
        }

        var purger = new AccessLogPurger(
            platform.Desk.Services.GetRequiredService<NpgsqlDataSource>(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(731)), Options.Create(new AccessLogOptions()));
        var purge = await purger.PurgeAsync(CancellationToken.None);
        using var officer = await SignedInAsync(officerEmail);

        var ledger = await officer.GetStringAsync("/compliance/destruction-ledger");

        Assert.NotNull(purge);
        Assert.Contains($"data-kind=\"access-log\" data-run=\"{purge.RunId}\"", ledger, StringComparison.Ordinal);
        Assert.Contains($"기록 {purge.Removed:N0}건", ledger, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/compliance/destruction-ledger/{purge.RunId}/certificate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/compliance/destruction-ledger/{Guid.NewGuid()}/certificate")).StatusCode);
    }

    [Fact]
    public async Task Agents_may_not_read_the_ledger()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        using var agent = await SignedInAsync(agentEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/compliance/destruction-ledger")).StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var browser = platform.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await DeskPlatform.SignInAsync(browser, email)).StatusCode);
        return browser;
    }

    [GeneratedRegex("/compliance/destruction-ledger/([0-9a-f-]{36})/certificate")]
    private static partial Regex CertificateLink();
}
