extern alias agent;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;
using VerifyAccessLogCommand = agent::SupportPlatform.Agent.AccessRecords.Verifying.VerifyAccessLogCommand;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// Reads straight from Inquiry's API with a script's token (<c>POST /api/auth/token</c>), past the
/// desk's pages: Inquiry records each before answering, and the desk's log gets exactly one record
/// per read; the desk's own calls stay recorded once, by its pages.
/// </summary>
public sealed partial class KeepingTheAccessLog
{
    [Fact]
    public async Task Each_read_through_the_api_with_a_scripts_token_writes_exactly_one_record()
    {
        var (agentId, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (officerId, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance);
        var (inquiryId, customerEmail) = await platform.SubmitInquiryAsync("접속기록: 스크립트 열람", attachment: ("스크립트첨부.txt", "첨부 내용"));
        await platform.WaitUntilQueuedAsync(inquiryId);
        using var script = await ScriptAsync(agentEmail);
        using var officerScript = await ScriptAsync(officerEmail);

        var view = await script.GetAsync($"/api/agent/inquiries/{inquiryId}");
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        var attachmentId = (await view.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachments")[0].GetProperty("attachmentId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync($"/api/agent/inquiries/{inquiryId}/attachments/{attachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync($"/api/agent/inquiries?q={inquiryId}")).StatusCode);
        var export = await (await officerScript.PostAsJsonAsync("/api/compliance/exports", new { email = customerEmail })).Content.ReadFromJsonAsync<JsonElement>();
        var exportId = export.GetProperty("exportId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await officerScript.PostAsJsonAsync($"/api/compliance/exports/{exportId}/download", new { key = export.GetProperty("key").GetString() })).StatusCode);
        // A search that shows nobody, and reads of what is not there, show no personal data.
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync($"/api/agent/inquiries?q={Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await script.GetAsync($"/api/agent/inquiries/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await script.GetAsync($"/api/agent/inquiries/{inquiryId}/attachments/{Guid.NewGuid()}")).StatusCode);

        // Inquiry recorded each read before it answered: exactly one per request, now.
        Assert.Equal(3L, await ApiReadEventsAsync(agentId));
        Assert.Equal(1L, await ApiReadEventsAsync(officerId));
        var records = await Eventually.ReturnsAsync(() => RecordsOfAsync(agentId, officerId), rows => rows.Count(r => r.Action.StartsWith("api.", StringComparison.Ordinal)) >= 4, "the four reads on the access log");
        var reads = records.Where(r => r.Action.StartsWith("api.", StringComparison.Ordinal)).OrderBy(r => r.Action, StringComparer.Ordinal).ToArray();

        Assert.Equal(
            [
                ("api.attachment.download", agentId, (Guid?)inquiryId, (Guid?)attachmentId, (int?)null, StaffRoles.Agent, (string?)null),
                ("api.export.download", officerId, null, exportId, null, StaffRoles.Compliance, "data-subject-request"),
                ("api.inquiries.list", agentId, null, null, 1, StaffRoles.Agent, null),
                ("api.inquiry.view", agentId, inquiryId, null, null, StaffRoles.Agent, null),
            ],
            reads.Select(r => (r.Action, r.StaffId, r.InquiryId, r.ItemId, r.RecordCount, r.Roles, r.Reason)));
        Assert.All(reads, r => Assert.Equal("127.0.0.1", r.ClientAddress));
        // When Inquiry answered the read, by its clock (the tests' fake one), not when the message arrived.
        var inquiryNow = platform.Inquiry.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Assert.All(reads, r => Assert.InRange(r.At, inquiryNow.AddMinutes(-1), inquiryNow.AddMinutes(1)));

        var everything = await DumpAsync("SELECT string_agg(t::text, ' ') FROM agent.access_log t");
        foreach (var personal in new[] { customerEmail, agentEmail, officerEmail, "다우테크놀로지", "스크립트 열람", "스크립트첨부", "010-4321-8765" })
        {
            Assert.DoesNotContain(personal, everything, StringComparison.OrdinalIgnoreCase);
        }

        var output = new StringWriter();
        Assert.Equal(0, await VerifyAccessLogCommand.RunAsync(platform.Desk.Services, output));
        Assert.StartsWith("access log intact", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_through_the_desks_pages_writes_only_the_pages_records()
    {
        var (agentId, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (inquiryId, _) = await platform.SubmitInquiryAsync("접속기록: 데스크 경유", attachment: ("데스크.txt", "첨부"));
        await platform.WaitUntilQueuedAsync(inquiryId);
        using var browser = await SignedInAsync(agentEmail);

        var page = await NewRecordsAsync(() => browser.GetAsync($"/inquiries/{inquiryId}"));
        var attachmentId = Guid.Parse(AttachmentLink().Match(await browser.GetStringAsync($"/inquiries/{inquiryId}")).Groups[1].Value);
        var download = await NewRecordsAsync(() => browser.GetAsync($"/inquiries/{inquiryId}?handler=Attachment&attachmentId={attachmentId}"));
        var search = await NewRecordsAsync(() => browser.GetAsync($"/?q={inquiryId}"));

        // The desk's calls reached Inquiry with the member's token, marked as the desk's: Inquiry recorded none of them.
        Assert.Equal(0L, await ApiReadEventsAsync(agentId));
        Assert.Equal("inquiry.view", Assert.Single(page).Action);
        Assert.Equal("attachment.download", Assert.Single(download).Action);
        Assert.Equal("inquiries.list", Assert.Single(search).Action);
    }

    [Fact]
    public async Task A_redelivered_read_is_recorded_once()
    {
        var staffId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var consumed = new ConsumedReads();
        var bus = platform.Desk.Services.GetRequiredService<IBus>();
        using var observing = bus.ConnectConsumeObserver(consumed);
        var read = new StaffReadPersonalData
        {
            StaffId = staffId,
            Roles = [StaffRoles.Agent],
            ClientAddress = "10.1.2.3",
            Action = ApiReadActions.InquiryViewed,
            InquiryId = Guid.NewGuid(),
            ReadAt = DateTimeOffset.UtcNow,
        };

        await bus.Publish(read, send => send.MessageId = messageId);
        await Eventually.TrueAsync(() => Task.FromResult(consumed.Count(messageId) == 1), "the first delivery consumed");
        await bus.Publish(read, send => send.MessageId = messageId);
        await Eventually.TrueAsync(() => Task.FromResult(consumed.Count(messageId) == 2), "the second delivery consumed");

        var record = Assert.Single(await RecordsOfAsync(staffId));
        Assert.Equal(("api.inquiry.view", read.InquiryId, "10.1.2.3"), (record.Action, record.InquiryId, record.ClientAddress));
    }

    [Fact]
    public async Task Showing_a_held_email_writes_a_record_naming_it_besides_the_view()
    {
        var (agentId, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (inquiryId, _, _) = await platform.SubmitInquiryWithTokenAsync("접속기록: 보류 메일");
        await platform.HandOverEmailAsync(inquiryId, await platform.ReplyTokenAsync(inquiryId), "stranger@elsewhere.test", "모르는 사람의 메일", failed: false);
        using var browser = await SignedInAsync(agentEmail);

        string page = "";
        var records = await NewRecordsAsync(async () =>
        {
            var response = await browser.GetAsync($"/inquiries/{inquiryId}");
            page = await response.Content.ReadAsStringAsync();
            return response;
        });

        var heldId = Guid.Parse(HeldEmail().Match(page).Groups[1].Value);
        Assert.Equal(
            [("inquiry.view", agentId, (Guid?)inquiryId, (Guid?)null), ("held-email.view", agentId, inquiryId, heldId)],
            records.Select(r => (r.Action, r.StaffId, r.InquiryId, r.ItemId)));
        Assert.DoesNotContain("stranger@elsewhere.test", await DumpAsync("SELECT string_agg(t::text, ' ') FROM agent.access_log t"), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A script's client of Inquiry, with the token the desk issued for the member's password.</summary>
    private async Task<HttpClient> ScriptAsync(string email)
    {
        using var desk = platform.Browser();
        var issued = await (await desk.PostAsJsonAsync("/api/auth/token", new { email, password = DeskPlatform.Password })).Content.ReadFromJsonAsync<JsonElement>();
        var script = new HttpClient { BaseAddress = platform.InquiryUrl };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.GetProperty("accessToken").GetString());
        return script;
    }

    /// <summary>The reads Inquiry recorded for the member in its event log (what it publishes to the desk).</summary>
    private Task<long> ApiReadEventsAsync(Guid staffId) => platform.Database.ScalarAsync<long>(
        "SELECT count(*) FROM inquiry.mt_events WHERE type = 'personal_data_read_through_api' AND data ->> 'staffId' = @staff",
        ("staff", staffId.ToString()));

    private async Task<IReadOnlyList<ApiRow>> RecordsOfAsync(params Guid[] staffIds)
    {
        await using var connection = new Npgsql.NpgsqlConnection(platform.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT action, staff_id, inquiry_id, item_id, record_count, roles, client_address, at, reason FROM agent.access_log WHERE staff_id = ANY(@staff) ORDER BY id", connection);
        command.Parameters.AddWithValue("staff", staffIds);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<ApiRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new ApiRow(
                reader.GetString(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }

    private sealed record ApiRow(string Action, Guid StaffId, Guid? InquiryId, Guid? ItemId, int? RecordCount, string Roles, string? ClientAddress, DateTimeOffset At, string? Reason);

    /// <summary>How often the desk finished consuming each message, duplicates included.</summary>
    private sealed class ConsumedReads : IConsumeObserver
    {
        private readonly ConcurrentDictionary<Guid, int> counts = new();

        public int Count(Guid messageId) => counts.GetValueOrDefault(messageId);

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is StaffReadPersonalData)
            {
                counts.AddOrUpdate(context.MessageId!.Value, 1, (_, n) => n + 1);
            }

            return Task.CompletedTask;
        }

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }

    [System.Text.RegularExpressions.GeneratedRegex("data-held=\"([0-9a-f-]{36})\"")]
    private static partial System.Text.RegularExpressions.Regex HeldEmail();
}
