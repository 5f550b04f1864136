using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;
using SupportPlatform.Testing;
using Xunit;
using Xunit.Abstractions;

namespace SupportPlatform.Platform.Tests;

/// <summary>
/// One inquiry with everything a customer and the staff can put into it — Korean and ASCII strings
/// in the address, company, phone, summary, details, an attachment's name and content, a reply, an
/// internal note, a follow-up, 내 문의 links, an emailed answer with a file (through the support mailbox)
/// — and where its strings may be found: not in a queue
/// while its messages wait there (Notification stopped), not in the delivery log once the emails
/// are sent, not in the retention report or the staff alerts, and after an access-request export
/// (one downloaded, one left waiting) and an erasure request not in any table of any
/// database of the platform, any queue (error queues included) or any log line (console or OTLP).
/// The customer's mailbox (the SMTP catcher's Maildir) is outside the platform: the mail sent to
/// the customer rightly holds their strings, and only serves here to show the scan can see them.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class LeavingNothingOfAPurgedInquiryBehind(RunningPlatform platform, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task No_queue_holds_its_strings_while_they_wait_and_after_erasure_no_table_queue_or_log_does()
    {
        using var inquiry = platform.App.CreateHttpClient("inquiry", "http");
        using var agentDesk = platform.App.CreateHttpClient("agent", "http");
        using var agent = await StaffClientAsync(agentDesk, "agent@example.com");
        using var compliance = await StaffClientAsync(agentDesk, "compliance@example.com");
        var strings = new PersonsStrings();
        var leaks = new List<(string When, IReadOnlyList<Sighting> Sightings)>();

        using var queues = await QueuesAsync();
        await StopAsync("notification");
        Guid inquiryId;
        IReadOnlyList<ScannedText> waitingMessages;
        try
        {
            inquiryId = await SubmitAsync(inquiry, strings);
            await ActOnAsync(inquiry, agent, inquiryId, strings);
            await UseAnArticleInTheReplyAsync(agent, inquiryId);

            // Notification is stopped: the messages for it wait in its queues, as they would during
            // an outage or in an error queue, readable by anyone with access to the broker.
            waitingMessages = await Eventually.ReturnsAsync(
                () => queues.ReadAllAsync(),
                messages => WaitingForNotification.All(type => messages.Any(m => m.Where.Contains("notification", StringComparison.Ordinal) && m.Text.Contains(":" + type, StringComparison.Ordinal))),
                $"{string.Join(", ", WaitingForNotification)} to wait in Notification's queues",
                Patience);
        }
        finally
        {
            await StartAsync("notification");
        }

        var mailbox = await Eventually.ReturnsAsync(
            () => Task.FromResult(MailTo(strings.Email)),
            mails => mails.Count >= 3,
            "the receipt, the reply and the 내 문의 links to reach the customer's mailbox",
            Patience);
        // The links of 내 문의 carry fresh tokens: as secret as the access token, so as forbidden anywhere else.
        strings.AddTokens(mailbox.SelectMany(m => LinkToken().Matches(m.Text).Select(t => t.Groups["token"].Value)));
        await AnswerByEmailAsync(inquiry, inquiryId, strings);
        var inMailbox = PersonalDataScan.Find(mailbox.Select(m => new ScannedText("mailbox", m.Text)), strings.All);
        Assert.Contains(inMailbox, s => s.Marker == strings.SummaryKorean);
        Assert.Contains(inMailbox, s => s.Marker == strings.AccessToken);
        Assert.Contains(inMailbox, s => s.Marker.StartsWith("L1.", StringComparison.Ordinal));

        // Judged now, with the tokens of the links too.
        leaks.Add(("while Notification was stopped, in the broker's queues", PersonalDataScan.Find(waitingMessages, strings.All)));
        await using (var notifications = await DatabaseAsync("notificationdb"))
        {
            leaks.Add(("once the emails were sent, in Notification's database (the delivery log)", await PersonalDataScan.FindInDatabaseAsync(notifications, strings.All, "notificationdb")));
        }

        leaks.Add(("before the erasure, in the retention report", PersonalDataScan.Find(await RetentionReportAsync(compliance), strings.All)));
        var alerts = await Eventually.ReturnsAsync(
            () => Task.FromResult(MailTo(SupportTeam).Where(m => m.Text.Contains(inquiryId.ToString(), StringComparison.Ordinal)).ToList()),
            mails => mails.Count >= 2,
            "the new-inquiry and follow-up alerts to reach the support team",
            Patience);
        leaks.Add(("in the support team's mailbox (staff alerts), which erasure cannot reach", PersonalDataScan.Find(alerts.Select(m => new ScannedText("support team's mailbox", m.Text)), strings.All)));

        // An access request answered (its export downloaded) and one prepared but never taken: the
        // download holds the strings (the scan must see them), the waiting one is sealed, and the
        // erasure below must take it along.
        var downloaded = await ExportAsync(compliance, strings.Email);
        Assert.Contains(PersonalDataScan.Find([new ScannedText("export", downloaded)], strings.All), s => s.Marker == strings.SummaryKorean);
        await PrepareExportAsync(compliance, strings.Email);

        await EraseAsync(compliance, strings.Email, inquiryId);

        leaks.Add(("after the erasure, in the databases", await ScanEveryDatabaseAsync(strings.All)));
        await using (var knowledge = await DatabaseAsync("knowledgedb"))
        {
            await using var uses = knowledge.CreateCommand("SELECT count(*) FROM knowledge.desk_article_uses WHERE inquiry_id = @id");
            uses.Parameters.AddWithValue("id", inquiryId);
            Assert.Equal(0L, (long)(await uses.ExecuteScalarAsync())!);
        }
        leaks.Add(("after the erasure, in the broker's queues", PersonalDataScan.Find(await queues.ReadAllAsync(), strings.All)));
        leaks.Add(("in the resources' console logs", PersonalDataScan.Find(ConsoleLogs(inquiryId), strings.All)));
        leaks.Add(("in the logs and traces exported over OTLP", PersonalDataScan.Find(TelemetryExports(inquiryId), strings.All)));

        string Describe(Sighting s) => $"{s.Where}: {strings.NameOf(s.Marker)} \"{s.Marker}\"";
        foreach (var (when, sightings) in leaks)
        {
            output.WriteLine($"{when}: {sightings.Count} found");
        }

        Assert.True(
            leaks.All(l => l.Sightings.Count == 0),
            "The inquiry's strings were found outside its sealed data:\n" + string.Join("\n", leaks
                .Where(l => l.Sightings.Count > 0)
                .Select(l => $"{l.When}:\n  " + string.Join("\n  ", l.Sightings.Select(Describe)))));
    }

    /// <summary>Where the AppHost sends staff alerts (<c>Notification:SupportTeamAddress</c>'s default).</summary>
    private const string SupportTeam = "support@example.com";

    /// <summary>Prepares an access-request export of the address; its id and key.</summary>
    private static async Task<JsonElement> PrepareExportAsync(HttpClient compliance, string email)
    {
        var prepared = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await compliance.PostAsJsonAsync(new Uri("/api/compliance/exports", UriKind.Relative), new { email });
                return response.StatusCode == HttpStatusCode.ServiceUnavailable ? (JsonElement?)null : await response.Content.ReadFromJsonAsync<JsonElement>();
            },
            r => r is not null,
            "the export to be prepared",
            Patience);
        Assert.Equal(1, prepared!.Value.GetProperty("inquiries").GetInt32());
        return prepared.Value;
    }

    /// <summary>An access-request export, prepared and downloaded; every entry of its ZIP as text.</summary>
    private static async Task<string> ExportAsync(HttpClient compliance, string email)
    {
        var prepared = await PrepareExportAsync(compliance, email);
        using var response = await compliance.PostAsJsonAsync(
            new Uri($"/api/compliance/exports/{prepared.GetProperty("exportId").GetGuid()}/download", UriKind.Relative),
            new { key = prepared.GetProperty("key").GetString() });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        return string.Join('\n', zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }));
    }

    /// <summary>What the Inquiry service sends Notification about this inquiry, by MassTransit message type.</summary>
    private static readonly string[] WaitingForNotification = ["InquirySubmitted", "InquiryAnswered", "CustomerFollowedUp", "InquiryLinksRequested"];

    /// <summary>The strings of one person's inquiry, each unique to this run: Korean and ASCII.</summary>
    private sealed class PersonsStrings
    {
        private readonly string tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        private readonly List<string> tokens = [];

        public PersonsStrings()
        {
            EmailLocalPart = $"purge{tag}";
            Phone = $"010-{RandomNumberGenerator.GetInt32(1000, 9999)}-{RandomNumberGenerator.GetInt32(1000, 9999)}";
        }

        public string EmailLocalPart { get; }

        public string Email => $"{EmailLocalPart}@customer.test";

        public string CompanyKorean { get; } = Hangul(5);

        public string CompanyAscii => $"acme{tag}";

        public string Company => $"{CompanyKorean} 주식회사 {CompanyAscii}";

        public string Phone { get; }

        public string SummaryKorean { get; } = Hangul(6);

        public string Summary => $"{SummaryKorean} 랜섬웨어 관련 sum{tag}";

        public string DetailsKorean { get; } = Hangul(6);

        public string Details => $"스팸서버 문의 **{DetailsKorean}** det{tag}";

        public string FileNameKorean { get; } = Hangul(4);

        public string FileName => $"{FileNameKorean}-att{tag}.log";

        public string FileContentKorean { get; } = Hangul(6);

        public string FileContent => $"2026-11-30 12:00:01 blocked {FileContentKorean} cnt{tag}\n";

        public string ReplyKorean { get; } = Hangul(6);

        public string Reply => $"안녕하세요. {ReplyKorean} rep{tag}";

        public string NoteKorean { get; } = Hangul(6);

        public string Note => $"내부 메모 {NoteKorean} not{tag}";

        public string FollowUpKorean { get; } = Hangul(6);

        public string FollowUp => $"추가 문의 {FollowUpKorean} fol{tag}";

        public string EmailedKorean { get; } = Hangul(6);

        public string Emailed => $"메일 회신 {EmailedKorean} eml{tag}";

        public string EmailedFileNameKorean { get; } = Hangul(4);

        public string EmailedFileName => $"{EmailedFileNameKorean}-emf{tag}.log";

        public string EmailedFileContentKorean { get; } = Hangul(6);

        public string EmailedFileContent => $"2026-12-07 15:00:01 relay {EmailedFileContentKorean} emc{tag}\n";

        public string AccessToken { get; set; } = "";

        /// <summary>Each distinctive piece on its own, so a store that keeps only part of a field is caught too.</summary>
        public IReadOnlyList<string> All => [.. Named.Select(n => n.Value)];

        /// <summary>What each piece is, for the report.</summary>
        public string NameOf(string value) => Named.First(n => n.Value == value).Name;

        private IEnumerable<(string Name, string Value)> Named =>
        [
            ("email (local part)", EmailLocalPart), ("company (Korean)", CompanyKorean), ("company (ASCII)", CompanyAscii),
            ("phone", Phone), ("phone (digits)", Phone.Replace("-", "", StringComparison.Ordinal)),
            ("summary (Korean)", SummaryKorean), ("summary (ASCII)", $"sum{tag}"), ("details (Korean)", DetailsKorean), ("details (ASCII)", $"det{tag}"),
            ("attachment name (Korean)", FileNameKorean), ("attachment name (ASCII)", $"att{tag}"),
            ("attachment content (Korean)", FileContentKorean), ("attachment content (ASCII)", $"cnt{tag}"),
            ("reply (Korean)", ReplyKorean), ("reply (ASCII)", $"rep{tag}"), ("internal note (Korean)", NoteKorean), ("internal note (ASCII)", $"not{tag}"),
            ("follow-up (Korean)", FollowUpKorean), ("follow-up (ASCII)", $"fol{tag}"),
            ("emailed answer (Korean)", EmailedKorean), ("emailed answer (ASCII)", $"eml{tag}"),
            ("emailed file name (Korean)", EmailedFileNameKorean), ("emailed file name (ASCII)", $"emf{tag}"),
            ("emailed file content (Korean)", EmailedFileContentKorean), ("emailed file content (ASCII)", $"emc{tag}"),
            .. AccessToken is { Length: > 0 } ? [("access token", AccessToken)] : Array.Empty<(string, string)>(),
            .. tokens.Select(t => ("내 문의 link token", t)),
        ];

        public void AddTokens(IEnumerable<string> found) => tokens.AddRange(found.Where(t => t != AccessToken).Distinct());

        /// <summary>Random Hangul syllables (가–힣): no dictionary word, so found only where this inquiry put it.</summary>
        private static string Hangul(int syllables) =>
            new([.. Enumerable.Range(0, syllables).Select(_ => (char)(0xAC00 + RandomNumberGenerator.GetInt32(11172)))]);
    }

    private static async Task<Guid> SubmitAsync(HttpClient inquiry, PersonsStrings strings)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(strings.FileContent));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", strings.FileName);
        using var uploaded = await inquiry.PostAsync(new Uri("/api/attachments", UriKind.Relative), form);
        Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
        var upload = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        var attachmentId = upload.GetProperty("attachmentId").GetGuid();

        using var submitted = await inquiry.PostAsJsonAsync(new Uri("/api/inquiries", UriKind.Relative), new
        {
            email = strings.Email,
            companyName = strings.Company,
            phone = strings.Phone,
            summary = strings.Summary,
            details = strings.Details,
            consent = new { accepted = true, policyVersion = "2024-01" },
            attachmentIds = new[] { attachmentId },
            uploadTokens = new[] { upload.GetProperty("uploadToken").GetString() },
        });
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var receipt = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        strings.AccessToken = receipt.GetProperty("accessToken").GetString()!;
        return receipt.GetProperty("inquiryId").GetGuid();
    }

    /// <summary>An agent replies and notes, the customer follows up, then asks 내 문의 for the links.</summary>
    private static async Task ActOnAsync(HttpClient inquiry, HttpClient agent, Guid inquiryId, PersonsStrings strings)
    {
        // The agent queue is a read model: 내 문의 finds the inquiry there, so wait until it is in.
        await Eventually.TrueAsync(
            async () => (await agent.GetFromJsonAsync<JsonElement>($"/api/agent/inquiries?q={inquiryId}")).GetProperty("total").GetInt64() == 1,
            "the inquiry to appear in the agent queue",
            Patience);

        var etag = await AgentCommandAsync(agent, inquiryId, "replies", strings.Reply, await ETagAsync(agent, inquiryId));
        await AgentCommandAsync(agent, inquiryId, "notes", strings.Note, etag);

        using var followUp = new HttpRequestMessage(HttpMethod.Post, $"/api/inquiries/{inquiryId}/messages") { Content = JsonContent.Create(new { body = strings.FollowUp }) };
        followUp.Headers.Add("X-Inquiry-Token", strings.AccessToken);
        using var followedUp = await inquiry.SendAsync(followUp);
        Assert.True(followedUp.StatusCode == HttpStatusCode.Created, await followedUp.Content.ReadAsStringAsync());

        using var links = await inquiry.PostAsJsonAsync(new Uri("/api/inquiry-links", UriKind.Relative), new { email = strings.Email, language = "ko" });
        Assert.Equal(HttpStatusCode.Accepted, links.StatusCode);
    }

    /// <summary>
    /// The customer answers the receipt by email with a log attached, through the catcher's <c>mail in</c>
    /// into the support mailbox, and Notification hands it to the inquiry, file and all.
    /// </summary>
    private async Task AnswerByEmailAsync(HttpClient inquiry, Guid inquiryId, PersonsStrings strings)
    {
        var receipt = platform.CaughtMail().Select(raw => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw))))
            .First(m => m.To.Mailboxes.Any(a => a.Address == strings.Email) && m.ReplyTo.Mailboxes.Any());
        var answer = new MimeMessage { Subject = "RE: " + receipt.Subject, InReplyTo = receipt.MessageId };
        answer.From.Add(MailboxAddress.Parse(strings.Email));
        answer.To.Add(receipt.ReplyTo.Mailboxes.First());
        answer.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = strings.Emailed },
            new MimePart("text", "plain")
            {
                FileName = strings.EmailedFileName,
                Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(strings.EmailedFileContent))),
                ContentTransferEncoding = ContentEncoding.Base64,
            },
        };
        var mailIn = platform.App.GetEndpoint("mail", "in");
        using (var smtp = new MailKit.Net.Smtp.SmtpClient())
        {
            await smtp.ConnectAsync(mailIn.Host, mailIn.Port, MailKit.Security.SecureSocketOptions.None);
            await smtp.SendAsync(answer);
            await smtp.DisconnectAsync(quit: true);
        }

        await Eventually.TrueAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/inquiries/{inquiryId}") { Headers = { { "X-Inquiry-Token", strings.AccessToken } } };
                using var response = await inquiry.SendAsync(request);
                var view = await response.Content.ReadFromJsonAsync<JsonElement>();
                return view.GetProperty("messages").EnumerateArray().Any(m =>
                    m.TryGetProperty("channel", out var channel) && channel.GetString() == "email" && m.TryGetProperty("attachments", out var files) && files.ValueKind == JsonValueKind.Array && files.GetArrayLength() == 1);
            },
            "the emailed answer and its file to reach the inquiry",
            Patience);
    }

    /// <summary>The agent inserts an article into the reply: Knowledge keeps the summary's stems for learning (issue 25).</summary>
    private async Task UseAnArticleInTheReplyAsync(HttpClient agent, Guid inquiryId)
    {
        using var knowledge = platform.App.CreateHttpClient("knowledge", "http");
        knowledge.DefaultRequestHeaders.Authorization = agent.DefaultRequestHeaders.Authorization;
        using var used = await knowledge.PostAsJsonAsync(new Uri($"/api/staff/inquiries/{inquiryId}/article-uses", UriKind.Relative), new { slug = "customer-care-lounge-guide" });
        Assert.Equal(HttpStatusCode.NoContent, used.StatusCode);
    }

    private static async Task<EntityTagHeaderValue> ETagAsync(HttpClient agent, Guid inquiryId)
    {
        using var response = await agent.GetAsync(new Uri($"/api/agent/inquiries/{inquiryId}", UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag ?? throw new InvalidOperationException("no ETag on the agent's view of the inquiry");
    }

    private static async Task<EntityTagHeaderValue> AgentCommandAsync(HttpClient agent, Guid inquiryId, string command, string body, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/agent/inquiries/{inquiryId}/{command}") { Content = JsonContent.Create(new { body }) };
        request.Headers.IfMatch.Add(etag);
        using var response = await agent.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{command}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.ETag ?? throw new InvalidOperationException($"no ETag after {command}");
    }

    private static async Task<IReadOnlyList<ScannedText>> RetentionReportAsync(HttpClient compliance)
    {
        var report = new List<ScannedText>();
        foreach (var format in new[] { "application/json", "text/csv" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/compliance/retention-report");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(format));
            using var response = await compliance.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            report.Add(new ScannedText($"retention report ({format})", await response.Content.ReadAsStringAsync()));
        }

        return report;
    }

    /// <summary>The erasure request of a compliance officer, then until InquiryPurged has reached Knowledge and Notification (their tombstones of the id).</summary>
    private async Task EraseAsync(HttpClient compliance, string email, Guid inquiryId)
    {
        var result = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await compliance.PostAsJsonAsync(new Uri("/api/compliance/erasure-requests", UriKind.Relative), new { email });
                // 503: the read model is catching up; the request is simply asked again.
                return response.StatusCode == HttpStatusCode.ServiceUnavailable ? (JsonElement?)null : await response.Content.ReadFromJsonAsync<JsonElement>();
            },
            r => r is not null,
            "the erasure request to be answered",
            Patience);
        Assert.Equal(1, result!.Value.GetProperty("erased").GetInt32());

        foreach (var (database, schema) in new[] { ("knowledgedb", "knowledge"), ("notificationdb", "notification") })
        {
            await using var dataSource = await DatabaseAsync(database);
            await Eventually.TrueAsync(
                async () =>
                {
                    await using var purged = dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {schema}.purged_inquiries WHERE inquiry_id = @id)");
                    purged.Parameters.AddWithValue("id", inquiryId);
                    return (bool)(await purged.ExecuteScalarAsync())!;
                },
                $"InquiryPurged to reach {schema}",
                Patience);
        }
    }

    /// <summary>Every database of the platform's PostgreSQL server, whatever its name, every table of each.</summary>
    private async Task<IReadOnlyList<Sighting>> ScanEveryDatabaseAsync(IReadOnlyList<string> strings)
    {
        var databases = new List<string>();
        await using (var server = await DatabaseAsync("postgres"))
        await using (var list = server.CreateCommand("SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY datname"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                databases.Add(reader.GetString(0));
            }
        }

        Assert.Superset(new HashSet<string> { "inquirydb", "knowledgedb", "notificationdb", "agentdb" }, databases.ToHashSet());
        await using (var agentDesk = await DatabaseAsync("agentdb"))
        {
            // The scan sees what is there, in any case, in Korean: the desk's demo agent, by address and name.
            Assert.Equal(2, (await PersonalDataScan.FindInDatabaseAsync(agentDesk, ["AGENT@EXAMPLE.COM", "데모 상담원"])).Select(s => s.Marker).Distinct().Count());
        }

        var sightings = new List<Sighting>();
        foreach (var database in databases)
        {
            await using var dataSource = await DatabaseAsync(database);
            sightings.AddRange(await PersonalDataScan.FindInDatabaseAsync(dataSource, strings, database));
        }

        output.WriteLine($"scanned databases: {string.Join(", ", databases)}");
        return sightings;
    }

    private async Task<NpgsqlDataSource> DatabaseAsync(string database) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(await platform.App.GetConnectionStringAsync("postgres")) { Database = database }.ConnectionString);

    private async Task<QueuedMessages> QueuesAsync()
    {
        var amqp = new Uri((await platform.App.GetConnectionStringAsync("rabbitmq"))!);
        var credentials = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
        return new QueuedMessages(platform.App.GetEndpoint("rabbitmq", "management"), credentials[0], credentials[1]);
    }

    /// <summary>Every console line of every resource; they must be there to look at, this inquiry's id (no personal data) among them.</summary>
    private IReadOnlyList<ScannedText> ConsoleLogs(Guid inquiryId)
    {
        var lines = platform.ConsoleLogs.Lines;
        Assert.All(new[] { "inquiry", "knowledge", "notification", "agent" }, service => Assert.Contains(lines, l => l.Resource == service));
        var texts = lines.Select(l => new ScannedText($"console log of {l.Resource}: {l.Line}", l.Line)).ToList();
        Assert.NotEmpty(PersonalDataScan.Find(texts, [inquiryId.ToString()]));
        return texts;
    }

    /// <summary>Every OTLP export of logs and traces, as sent (protobuf, whose strings are plain UTF-8); this inquiry's id among them.</summary>
    private IReadOnlyList<ScannedText> TelemetryExports(Guid inquiryId)
    {
        var exports = platform.Telemetry.Exports.ToList();
        var texts = exports.Select((e, i) => new ScannedText($"OTLP {e.Signal} export #{i + 1}", Encoding.UTF8.GetString(e.Request))).ToList();
        Assert.Contains(PersonalDataScan.Find(texts, [inquiryId.ToString()]), s => s.Where.StartsWith("OTLP logs", StringComparison.Ordinal));
        return texts;
    }

    private sealed record Mail(string To, string Text);

    /// <summary>The messages to this address in the SMTP catcher's Maildir, decoded (subject, text and HTML bodies).</summary>
    private List<Mail> MailTo(string address)
    {
        var mails = new List<Mail>();
        foreach (var raw in platform.CaughtMail())
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(raw));
            var message = MimeMessage.Load(stream);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
            {
                mails.Add(new Mail(address, $"{message.Subject}\n{message.TextBody}\n{message.HtmlBody}"));
            }
        }

        return mails;
    }

    private async Task<HttpClient> StaffClientAsync(HttpClient agentDesk, string email)
    {
        var password = await platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<ParameterResource>().Single(p => p.Name == "demo-password").GetValueAsync(CancellationToken.None);
        using var response = await agentDesk.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { email, password });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = platform.App.CreateHttpClient("inquiry", "http");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task StopAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var stopped = await platform.App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, timeout.Token);
        Assert.True(stopped.Success, $"stopping {resource}: {stopped.Message}");
        await platform.App.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, timeout.Token);
    }

    private async Task StartAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var started = await platform.App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, timeout.Token);
        Assert.True(started.Success, $"starting {resource}: {started.Message}");
        await platform.App.ResourceNotifications.WaitForResourceAsync(
            resource,
            e => e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy,
            timeout.Token);
    }

    [GeneratedRegex(@"token=(?<token>[A-Za-z0-9._~-]+)")]
    private static partial Regex LinkToken();
}
