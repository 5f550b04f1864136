extern alias agent;

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SupportPlatform.ServiceDefaults;
using Xunit;
using AuditLog = agent::SupportPlatform.Agent.Auditing.AuditLog;

namespace SupportPlatform.Agent.Tests;

/// <summary>Every staff action is recorded (who, what, which inquiry, when), and nothing personal is.</summary>
public sealed partial class KeepingAnAuditLog(DeskPlatform platform) : IClassFixture<DeskPlatform>
{
    [Fact]
    public async Task A_reply_and_an_erasure_are_recorded_by_staff_id_with_no_personal_data()
    {
        var (agentId, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (officerId, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance);
        var (inquiryId, customerEmail) = await platform.SubmitInquiryAsync("감사 기록 테스트");
        await platform.WaitUntilQueuedAsync(inquiryId);
        using var agent = platform.Browser();
        using var officer = platform.Browser();
        await DeskPlatform.SignInAsync(agent, agentEmail);
        await DeskPlatform.SignInAsync(officer, officerEmail);

        var page = await agent.GetStringAsync($"/inquiries/{inquiryId}");
        var replied = await agent.PostAsync($"/inquiries/{inquiryId}?handler=Reply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Body"] = "확인 후 답변드립니다.",
            ["Version"] = VersionField().Match(page).Groups[1].Value,
            ["intent"] = "send",
            ["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(page),
        }));
        var erasurePage = await officer.GetStringAsync("/compliance/erasure");
        var erased = await officer.PostAsync("/compliance/erasure", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = customerEmail,
            ["Confirmed"] = "true",
            ["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(erasurePage),
        }));

        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        Assert.Contains("id=\"result\"", await erased.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entries = await platform.Desk.Services.GetRequiredService<AuditLog>().LatestAsync(100, null, CancellationToken.None);
        var reply = Assert.Single(entries, e => e.Action == "inquiry.reply");
        Assert.Equal((agentId, inquiryId, "ok"), (reply.StaffId, reply.InquiryId, reply.Outcome));
        var erasure = Assert.Single(entries, e => e.Action == "erasure.request");
        Assert.Equal(officerId, erasure.StaffId);
        Assert.Equal("found=1 erased=1", erasure.Subject);

        await using var connection = new NpgsqlConnection(platform.Database.ConnectionString);
        await connection.OpenAsync();
        await using var dump = new NpgsqlCommand("SELECT string_agg(t::text, ' ') FROM agent.audit_log t", connection);
        var everything = (string)(await dump.ExecuteScalarAsync())!;
        Assert.DoesNotContain(customerEmail, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(agentEmail, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("확인 후 답변드립니다", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_read_the_audit_log()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (_, adminEmail) = await platform.CreateMemberAsync(StaffRoles.Admin);
        using var agent = platform.Browser();
        using var admin = platform.Browser();
        await DeskPlatform.SignInAsync(agent, agentEmail);
        await DeskPlatform.SignInAsync(admin, adminEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/admin/audit")).StatusCode);
        var log = await admin.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        Assert.Contains("login", await log.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_see_how_far_the_event_log_publisher_and_read_models_are()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (_, adminEmail) = await platform.CreateMemberAsync(StaffRoles.Admin);
        var (inquiryId, _) = await platform.SubmitInquiryAsync("운영 상태 확인");
        await platform.WaitUntilQueuedAsync(inquiryId);
        using var agent = platform.Browser();
        using var admin = platform.Browser();
        await DeskPlatform.SignInAsync(agent, agentEmail);
        await DeskPlatform.SignInAsync(admin, adminEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/admin/operations")).StatusCode);
        // The watchdog looks every few seconds: wait for its first look to include the publisher.
        var page = await SupportPlatform.Testing.Eventually.ReturnsAsync(
            () => admin.GetStringAsync("/admin/operations"),
            html => html.Contains("data-shard=\"integration-publisher:All\"", StringComparison.Ordinal),
            "the operations page to list the publisher",
            TimeSpan.FromSeconds(30));
        Assert.Contains("data-shard=\"queue:All\"", page, StringComparison.Ordinal);
        Assert.Contains("data-shard=\"HighWaterMark\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"stalled\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_see_which_master_key_wraps_how_many_keys_and_which_lookup_key_hashed_how_many_inquiries_and_agents_do_not()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (_, adminEmail) = await platform.CreateMemberAsync(StaffRoles.Admin);
        var (inquiryId, _) = await platform.SubmitInquiryAsync("키 상태 확인");
        await platform.WaitUntilQueuedAsync(inquiryId);
        using var agent = platform.Browser();
        using var admin = platform.Browser();
        await DeskPlatform.SignInAsync(agent, agentEmail);
        await DeskPlatform.SignInAsync(admin, adminEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/admin/keys")).StatusCode);
        var page = await admin.GetStringAsync("/admin/keys");
        Assert.Contains("<strong id=\"current-key\">initial</strong>", page, StringComparison.Ordinal);
        Assert.Contains("data-key=\"initial\"", page, StringComparison.Ordinal);
        Assert.Contains("모든 키가 현재 키로 감싸져 있습니다.", page, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"current-lookup-key\">initial</strong>", page, StringComparison.Ordinal);
        Assert.Matches("<table id=\"lookup-keys\">.*<tr data-key=\"initial\">\\s*<th scope=\"row\">initial</th>\\s*<td>현재 Current</td>\\s*<td>[1-9]", page.ReplaceLineEndings(" "));
        Assert.Contains("모든 해시가 현재 조회 키로 만들어져 있습니다.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(platform.Inquiry.Settings["PersonalData:MasterKey"]!, page, StringComparison.Ordinal);
        Assert.DoesNotContain(platform.Inquiry.Settings["PersonalData:LookupKey"]!, page, StringComparison.Ordinal);
    }

    [GeneratedRegex("id=\"Version\" name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
