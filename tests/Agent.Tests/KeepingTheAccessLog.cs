extern alias agent;

using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;
using AccessLogOptions = agent::SupportPlatform.Agent.AccessRecords.Purging.AccessLogOptions;
using AccessLogPurger = agent::SupportPlatform.Agent.AccessRecords.Purging.AccessLogPurger;
using AgentModule = agent::SupportPlatform.Agent.AgentModule;
using VerifyAccessLogCommand = agent::SupportPlatform.Agent.AccessRecords.Verifying.VerifyAccessLogCommand;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// The access log (개인정보 접속기록): every desk path that shows or hands out personal data writes
/// exactly one record, ids only, onto a hash chain that shows any change; old records are purged.
/// </summary>
public sealed partial class KeepingTheAccessLog(DeskPlatform platform) : IClassFixture<DeskPlatform>
{
    /// <summary>
    /// Every page handler and endpoint of the desk that shows personal data, with how to exercise
    /// it and the record it must write. A new page or handler is in neither this list nor
    /// <see cref="ShowsNoPersonalData"/> and fails <see cref="Every_desk_path_is_either_recorded_or_shows_no_personal_data"/>.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> ViewingPaths = new Dictionary<string, string>
    {
        ["Inquiries.DetailModel.OnGetAsync"] = "inquiry.view",
        ["Inquiries.DetailModel.OnGetAttachmentAsync"] = "attachment.download",
        ["Inquiries.DetailModel.OnPostReplyAsync"] = "inquiry.view",
        ["Inquiries.DetailModel.OnPostNoteAsync"] = "inquiry.view",
        ["Inquiries.DetailModel.OnPostAssignAsync"] = "inquiry.view",
        ["Inquiries.DetailModel.OnPostCloseAsync"] = "inquiry.view",
        ["Inquiries.DetailModel.OnPostReopenAsync"] = "inquiry.view",
        ["Inquiries.DetailModel.OnPostPriorityAsync"] = "inquiry.view",
        ["Inquiries.DetailModel.OnPostCategoryAsync"] = "inquiry.view",
        ["Inquiries.DetailModel.OnPostHeldEmailAsync"] = "inquiry.view",
        ["IndexModel.OnGetAsync"] = "inquiries.list",
        ["Inquiries.SearchModel.OnGetAsync"] = "inquiries.list",
        ["POST /api/auth/token"] = "token.issue",
        ["Compliance.AccessRequestsModel.OnPostDownloadAsync"] = "export.download",
    };

    /// <summary>Paths that show no customer's personal data, each with the reason.</summary>
    private static readonly IReadOnlyDictionary<string, string> ShowsNoPersonalData = new Dictionary<string, string>
    {
        ["Account.LoginModel.OnGet"] = "the sign-in form",
        ["Account.LoginModel.OnPostAsync"] = "signs in",
        ["Account.LogoutModel.OnGet"] = "redirects",
        ["Account.LogoutModel.OnPostAsync"] = "signs out",
        ["Account.SetPasswordModel.OnGet"] = "a member's own invitation",
        ["Account.SetPasswordModel.OnPostAsync"] = "a member's own invitation",
        ["Admin.AuditModel.OnGetAsync"] = "staff actions by id",
        ["Admin.OperationsModel.OnGetAsync"] = "event-log progress",
        ["Admin.StaffModel.OnGetAsync"] = "staff accounts, not customers",
        ["Admin.StaffModel.OnPostInviteAsync"] = "staff accounts, not customers",
        ["Admin.StaffModel.OnPostDisableAsync"] = "staff accounts, not customers",
        ["Admin.StaffModel.OnPostEnableAsync"] = "staff accounts, not customers",
        ["Admin.StaffModel.OnPostUnlockAsync"] = "staff accounts, not customers",
        ["Articles.EditModel.OnGetAsync"] = "articles",
        ["Articles.EditModel.OnPostAsync"] = "articles",
        ["Articles.IndexModel.OnGetAsync"] = "articles",
        ["Articles.NewModel.OnGetAsync"] = "articles",
        ["Articles.NewModel.OnPostAsync"] = "articles",
        ["Compliance.ErasureModel.OnGet"] = "the request form",
        ["Compliance.ErasureModel.OnPostAsync"] = "answers with counts and ids; the address is the officer's own input",
        ["Compliance.HoldsModel.OnGet"] = "holds by inquiry id",
        ["Compliance.HoldsModel.OnPostPlaceAsync"] = "holds by inquiry id",
        ["Compliance.HoldsModel.OnPostReleaseAsync"] = "holds by inquiry id",
        ["Compliance.ReportModel.OnGetAsync"] = "counts",
        ["Compliance.ReportModel.OnGetCsvAsync"] = "counts",
        ["Compliance.RetentionModel.OnGet"] = "counts",
        ["Compliance.RetentionModel.OnPostDryRunAsync"] = "counts",
        ["Compliance.RetentionModel.OnPostRunAsync"] = "counts",
        ["Compliance.AccessLogModel.OnGetAsync"] = "access records are ids only",
        ["Compliance.AccessLogModel.OnGetCsvAsync"] = "access records are ids only",
        ["Compliance.AccessLogModel.OnPostInspectionAsync"] = "records an inspection",
        ["Compliance.DestructionLedgerModel.OnGetAsync"] = "purge runs and counts",
        ["Compliance.AccessRequestsModel.OnGetAsync"] = "the register: references, dates, counts",
        ["Compliance.AccessRequestsModel.OnPostExportAsync"] = "prepares a sealed export and shows its count; the download is the access",
        ["Compliance.AccessRequestsModel.OnPostAnsweredAsync"] = "marks a request answered",
        ["Compliance.AccessRequestsModel.OnPostCorrectAsync"] = "sends a correction and shows counts",
        ["Compliance.DestructionLedgerModel.OnGetCsvAsync"] = "purge runs and counts",
        ["Compliance.ErasureCertificateModel.OnGetAsync"] = "one purge run's counts",
        ["Admin.KeysModel.OnGetAsync"] = "key ids and rotation progress",
        ["Admin.ServiceLevelsModel.OnGetAsync"] = "the SLA policy, the calendar's exceptions and their revisions by staff id",
        ["Admin.ServiceLevelsModel.OnPostSaveAsync"] = "saves a revision of the SLA policy and the calendar",
        ["Admin.ServiceLevelsModel.OnPostRebuildAsync"] = "starts a rebuild of the SLA read models: counts and states",
        ["GET /internal/staff/{id:guid}"] = "a staff member's own address, for the services' emails to them, not customers'",
        ["Operations.IndexModel.OnGetAsync"] = "counts, times and ratings per week, priority, category and staff member",
        ["Operations.IndexModel.OnGetCsvAsync"] = "counts, times and ratings per week, priority, category and staff member",
        ["GET /live/events"] = "ids of changed inquiries, the page fetches itself again (and records that)",
        ["POST /live/presence"] = "announces the member's presence: ids",
        ["GET /saved-replies/search"] = "saved replies' titles",
        ["Replies.IndexModel.OnGetAsync"] = "saved replies: templates, their variables never filled",
        ["Replies.EditModel.OnGetAsync"] = "saved replies: templates, their variables never filled",
        ["Replies.EditModel.OnPostAsync"] = "saved replies: templates, their variables never filled",
        ["Replies.EditModel.OnPostDeleteAsync"] = "saved replies: templates, their variables never filled",
    };

    [Fact]
    public void Every_desk_path_is_either_recorded_or_shows_no_personal_data()
    {
        var paths = DeskPaths().ToHashSet();

        var unclassified = paths.Except(ViewingPaths.Keys).Except(ShowsNoPersonalData.Keys).Order().ToArray();
        var gone = ViewingPaths.Keys.Concat(ShowsNoPersonalData.Keys).Except(paths).Order().ToArray();

        Assert.True(unclassified.Length == 0, "Desk paths that neither write an access record nor are known to show no personal data: " + string.Join(", ", unclassified));
        Assert.True(gone.Length == 0, "Classified paths the desk no longer has: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task Opening_an_inquiry_writes_one_record_with_who_when_where_and_which()
    {
        var (agentId, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (inquiryId, _) = await platform.SubmitInquiryAsync("접속기록: 문의 열람");
        using var browser = await SignedInAsync(agentEmail);

        var records = await NewRecordsAsync(() => browser.GetAsync($"/inquiries/{inquiryId}"));

        var record = Assert.Single(records);
        Assert.Equal(("inquiry.view", agentId, inquiryId, StaffRoles.Agent), (record.Action, record.StaffId, record.InquiryId, record.Roles));
        Assert.Equal("127.0.0.1", record.ClientAddress);
        Assert.InRange(record.At, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_page_shown_again_after_a_refused_or_previewed_change_writes_one_record()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (inquiryId, _) = await platform.SubmitInquiryAsync("접속기록: 미리보기");
        using var browser = await SignedInAsync(agentEmail);
        var page = await browser.GetStringAsync($"/inquiries/{inquiryId}");

        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Reply", new() { ["Body"] = "미리보기", ["intent"] = "preview" }),
            ("Note", new() { ["NoteBody"] = "" }),
            ("Assign", new() { ["AssigneeId"] = Guid.NewGuid().ToString() }),
            ("Close", new() { ["Version"] = "999" }),
            ("Reopen", new() { ["Version"] = "999" }),
            ("Priority", new() { ["Priority"] = "" }),
            ("Category", new() { ["Category"] = "" }),
            ("HeldEmail", new() { ["Version"] = "999", ["heldEmailId"] = Guid.NewGuid().ToString(), ["accept"] = "false" }),
        })
        {
            fields.TryAdd("Version", VersionField().Match(page).Groups[1].Value);
            fields["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(page);
            var records = await NewRecordsAsync(() => browser.PostAsync($"/inquiries/{inquiryId}?handler={handler}", new FormUrlEncodedContent(fields)));

            var record = Assert.Single(records);
            Assert.Equal(("inquiry.view", inquiryId), (record.Action, record.InquiryId));
        }
    }

    [Fact]
    public async Task Downloading_an_attachment_writes_one_record_naming_the_attachment()
    {
        var (agentId, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (inquiryId, _) = await platform.SubmitInquiryAsync("접속기록: 첨부", attachment: ("로그.txt", "메일 로그"));
        using var browser = await SignedInAsync(agentEmail);
        var page = await browser.GetStringAsync($"/inquiries/{inquiryId}");
        var attachmentId = Guid.Parse(AttachmentLink().Match(page).Groups[1].Value);

        var records = await NewRecordsAsync(() => browser.GetAsync($"/inquiries/{inquiryId}?handler=Attachment&attachmentId={attachmentId}"));

        var record = Assert.Single(records);
        Assert.Equal(("attachment.download", agentId, inquiryId, attachmentId), (record.Action, record.StaffId, record.InquiryId, record.ItemId));
    }

    [Fact]
    public async Task A_queue_search_that_shows_inquiries_writes_one_record_with_the_count()
    {
        var (agentId, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (inquiryId, _) = await platform.SubmitInquiryAsync("접속기록: 검색");
        await platform.WaitUntilQueuedAsync(inquiryId);
        using var browser = await SignedInAsync(agentEmail);

        var records = await NewRecordsAsync(() => browser.GetAsync($"/?q={inquiryId}"));
        var none = await NewRecordsAsync(() => browser.GetAsync($"/?q={Guid.NewGuid()}"));

        var record = Assert.Single(records);
        Assert.Equal(("inquiries.list", agentId, (int?)1, (Guid?)null), (record.Action, record.StaffId, record.RecordCount, record.InquiryId));
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_message_search_that_shows_inquiries_writes_one_record_with_the_count()
    {
        var (agentId, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var word = string.Concat(Enumerable.Range(0, 3).Select(_ => (char)('가' + Random.Shared.Next(11_172))));
        var (inquiryId, _) = await platform.SubmitInquiryAsync("접속기록: 본문 검색", $"상세 {word}");
        using var browser = await SignedInAsync(agentEmail);
        await Eventually.TrueAsync(
            async () => (await browser.GetStringAsync($"/inquiries/search?q={Uri.EscapeDataString(word)}")).Contains(inquiryId.ToString(), StringComparison.Ordinal),
            "the message search to find the inquiry");

        var records = await NewRecordsAsync(() => browser.GetAsync($"/inquiries/search?q={Uri.EscapeDataString(word)}"));
        var none = await NewRecordsAsync(() => browser.GetAsync("/inquiries/search?q=zzqqxxnothing"));

        var record = Assert.Single(records);
        Assert.Equal(("inquiries.list", agentId, (int?)1, (Guid?)null), (record.Action, record.StaffId, record.RecordCount, record.InquiryId));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Issuing_a_token_for_scripts_writes_one_record()
    {
        var (agentId, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        using var client = platform.Browser();

        var records = await NewRecordsAsync(() => client.PostAsJsonAsync("/api/auth/token", new { email = agentEmail, password = DeskPlatform.Password }));
        var refused = await NewRecordsAsync(() => client.PostAsJsonAsync("/api/auth/token", new { email = agentEmail, password = "wrong password!" }));

        var record = Assert.Single(records);
        Assert.Equal(("token.issue", agentId), (record.Action, record.StaffId));
        Assert.Empty(refused);
    }

    [Fact]
    public async Task Downloading_an_access_request_export_writes_one_record_with_its_reason_and_only_once()
    {
        var (officerId, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance);
        var (_, customerEmail) = await platform.SubmitInquiryAsync("접속기록: 열람 요구");
        using var officer = await SignedInAsync(officerEmail);
        var form = await officer.GetStringAsync("/compliance/access-requests");
        var prepared = await (await officer.PostAsync("/compliance/access-requests?handler=Export", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reference"] = "2026-PIPA-0001",
            ["Email"] = customerEmail,
            ["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(form),
        }))).Content.ReadAsStringAsync();
        var download = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["RequestId"] = HiddenField("RequestId").Match(prepared).Groups[1].Value,
            ["Key"] = System.Net.WebUtility.HtmlDecode(HiddenField("Key").Match(prepared).Groups[1].Value),
            ["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(prepared),
        });

        HttpResponseMessage? zip = null;
        var records = await NewRecordsAsync(async () => zip = await officer.PostAsync("/compliance/access-requests?handler=Download", download));
        var again = await NewRecordsAsync(() => officer.PostAsync("/compliance/access-requests?handler=Download", download));

        Assert.Equal("application/zip", zip!.Content.Headers.ContentType?.MediaType);
        var record = Assert.Single(records);
        Assert.Equal(("export.download", officerId, (int?)1, StaffRoles.Compliance), (record.Action, record.StaffId, record.RecordCount, record.Roles));
        Assert.Equal("data-subject-request", await DumpAsync($"SELECT reason FROM agent.access_log WHERE action = 'export.download' AND staff_id = '{officerId}'"));
        Assert.Empty(again);
        Assert.DoesNotContain(customerEmail, await DumpAsync("SELECT coalesce(string_agg(t::text, ' '), '') FROM agent.subject_requests t"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Records_hold_ids_only()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (inquiryId, customerEmail) = await platform.SubmitInquiryAsync("접속기록 개인정보 없음");
        using var browser = await SignedInAsync(agentEmail);
        await browser.GetAsync($"/inquiries/{inquiryId}");

        var everything = await DumpAsync("SELECT string_agg(t::text, ' ') FROM agent.access_log t");

        Assert.Contains(inquiryId.ToString(), everything, StringComparison.Ordinal);
        Assert.DoesNotContain(customerEmail, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(agentEmail, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("다우테크놀로지", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("개인정보 없음", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_deleting_or_rehashing_a_record_breaks_the_chain_and_verify_says_where()
    {
        // Its own database: the tampering must not break the chain the other tests' records are on.
        await using var database = new SupportPlatform.Testing.PostgresDatabase();
        await database.InitializeAsync();
        await using var desk = new DeskFactory(database, platform.Vhost);
        var (_, agentEmail) = await CreateMemberAsync(desk);
        using var token = desk.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await token.PostAsJsonAsync("/api/auth/token", new { email = agentEmail, password = DeskPlatform.Password })).StatusCode);
        }

        Assert.Equal((0, "access log intact: 4 records (1..4)"), await VerifyAsync(desk));

        await TamperAsync(database, "UPDATE agent.access_log SET client_address = '10.0.0.9' WHERE id = 2");
        Assert.Equal((1, "access log BROKEN at record 2: its hash does not match its fields (the record was changed)"), await VerifyAsync(desk));

        // Rehashing the changed record hides it from its own check, but not from its successor's.
        await TamperAsync(database, "UPDATE agent.access_log SET hash = sha256(hash) WHERE id = 2");
        Assert.Equal(1, (await VerifyAsync(desk)).ExitCode);

        await TamperAsync(database, "DELETE FROM agent.access_log WHERE id IN (2, 3)");
        Assert.Equal((1, "access log BROKEN at record 4: expected record 2, found 4 (a record is missing)"), await VerifyAsync(desk));
    }

    [Fact]
    public async Task The_log_refuses_updates_and_deletes_outside_the_purge()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        using var client = platform.Browser();
        await client.PostAsJsonAsync("/api/auth/token", new { email = agentEmail, password = DeskPlatform.Password });

        await using var connection = new NpgsqlConnection(platform.Database.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE agent.access_log SET roles = 'admin'", "DELETE FROM agent.access_log", "TRUNCATE agent.access_log" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Records_past_retention_are_purged_and_the_rest_of_the_chain_still_verifies()
    {
        await using var database = new SupportPlatform.Testing.PostgresDatabase();
        await database.InitializeAsync();
        await using var desk = new DeskFactory(database, platform.Vhost);
        var (_, agentEmail) = await CreateMemberAsync(desk);
        using var token = desk.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await token.PostAsJsonAsync("/api/auth/token", new { email = agentEmail, password = DeskPlatform.Password });
        }

        var twoYearsOn = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(731));
        var purger = new AccessLogPurger(desk.Services.GetRequiredService<NpgsqlDataSource>(), twoYearsOn, Options.Create(new AccessLogOptions()));
        var oneYearOn = new AccessLogPurger(desk.Services.GetRequiredService<NpgsqlDataSource>(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(365)), Options.Create(new AccessLogOptions()));

        Assert.Null(await oneYearOn.PurgeAsync(CancellationToken.None));
        var purge = await purger.PurgeAsync(CancellationToken.None);
        await token.PostAsJsonAsync("/api/auth/token", new { email = agentEmail, password = DeskPlatform.Password });

        Assert.Equal((3, 3L, "access-log retention 730 days"), (purge!.Removed, purge.ThroughId, purge.Retention));
        Assert.Equal((0, "access log intact: 1 records (4..4)"), await VerifyAsync(desk));
        Assert.Equal(purge.RunId, Assert.Single(await purger.HistoryAsync(CancellationToken.None)).RunId);
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var browser = platform.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await DeskPlatform.SignInAsync(browser, email)).StatusCode);
        return browser;
    }

    /// <summary>The records the action wrote (the log's tail after it), waiting for the response first.</summary>
    private async Task<IReadOnlyList<Row>> NewRecordsAsync(Func<Task<HttpResponseMessage>> action)
    {
        var before = long.Parse(await DumpAsync("SELECT coalesce(max(id), 0)::text FROM agent.access_log"), System.Globalization.CultureInfo.InvariantCulture);
        using var response = await action();
        await response.Content.ReadAsByteArrayAsync();
        Assert.True((int)response.StatusCode < 500, $"{response.RequestMessage?.RequestUri}: {response.StatusCode}");

        await using var connection = new NpgsqlConnection(platform.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT action, staff_id, inquiry_id, item_id, record_count, roles, client_address, at FROM agent.access_log WHERE id > @before ORDER BY id", connection);
        command.Parameters.AddWithValue("before", before);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(
                reader.GetString(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return rows;
    }

    private async Task<string> DumpAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(platform.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>What someone with the schema owner's rights can do: switch the guard off and edit.</summary>
    private static async Task TamperAsync(SupportPlatform.Testing.PostgresDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"ALTER TABLE agent.access_log DISABLE TRIGGER USER; {sql}; ALTER TABLE agent.access_log ENABLE TRIGGER USER;", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(int ExitCode, string Output)> VerifyAsync(DeskFactory desk)
    {
        var output = new StringWriter();
        var exitCode = await VerifyAccessLogCommand.RunAsync(desk.Services, output);
        return (exitCode, output.ToString().Trim());
    }

    private static async Task<(Guid Id, string Email)> CreateMemberAsync(DeskFactory desk)
    {
        var email = $"agent-{Guid.NewGuid():N}@staff.test";
        await using var scope = desk.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<agent::SupportPlatform.Agent.Staff.StaffAccounts>()
            .CreateOrResetAsync(email, "상담원", DeskPlatform.Password, [StaffRoles.Agent]);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return (result.Member!.Id, email);
    }

    /// <summary>The desk's page handlers (page model and method) and its other endpoints (method and route).</summary>
    private IEnumerable<string> DeskPaths()
    {
        var pageModels = typeof(AgentModule).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)));
        foreach (var model in pageModels)
        {
            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (HandlerName().IsMatch(method.Name))
                {
                    yield return $"{model.FullName!["SupportPlatform.Agent.Pages.".Length..]}.{method.Name}";
                }
            }
        }

        foreach (var endpoint in platform.Desk.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            // The health endpoints of ServiceDefaults are not the desk's own.
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is null && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods
                && endpoint.RoutePattern.RawText is not ("/health" or "/alive"))
            {
                yield return $"{string.Join(',', methods.HttpMethods)} {endpoint.RoutePattern.RawText}";
            }
        }
    }

    private sealed record Row(string Action, Guid StaffId, Guid? InquiryId, Guid? ItemId, int? RecordCount, string Roles, string? ClientAddress, DateTimeOffset At);

    [GeneratedRegex("^On(Get|Post|Put|Delete|Patch)[A-Za-z]*$")]
    private static partial Regex HandlerName();

    [GeneratedRegex("id=\"Version\" name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("handler=Attachment&amp;attachmentId=([0-9a-f-]{36})")]
    private static partial Regex AttachmentLink();

    private static Regex HiddenField(string name) => new($"type=\"hidden\" name=\"{name}\" value=\"([^\"]+)\"");
}
