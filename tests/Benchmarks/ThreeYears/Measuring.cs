using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Benchmarks.ThreeYears;

/// <summary>
/// <c>measure</c>: the desk's hot reads on the generated platform, each timed over --requests
/// requests through the service's whole pipeline in this process (no network between, so the times
/// are the server's), reported as p50/p95. With --explain, one request of each is first run with
/// PostgreSQL's auto_explain on for the database (ANALYZE, BUFFERS), so the plans are those of the
/// very statements Marten sends; they are read from the server's log (`docker logs` of --container).
/// The inquiry page's suggestions and delivery status and the operations view's deflection funnel and
/// knowledge gaps are read from Knowledge and Notification, in this process too, as the desk reads them.
/// "Page 1,000" is the page that starts after the 24,975th row of its order, reached by keyset as the
/// desk's next links reach it: its cursor is read from the database first (<see cref="DeepPage"/>).
/// </summary>
internal static class Measuring
{
    /// <summary>The row the 1,000th page of 25 starts after, in the order of <paramref name="orderBy"/>, as a cursor.</summary>
    private sealed record DeepPage(string Where, string Column, string OrderBy);

    private const int DeepOffset = 999 * 25 - 1;

    /// <summary>The operations whose names contain one of these comma-separated parts (all when it is null).</summary>
    public static string? Only { get; set; }

    private static bool Measured(string name) => Only is null || Only.Split(',').Any(part => name.Contains(part, StringComparison.Ordinal));

    /// <summary>Whether the message search is among the operations measured (its index must then have caught up first).</summary>
    public static bool MeasuresMessageSearch => Operations(Guid.Empty).Any(o => o.Name.StartsWith("message search", StringComparison.Ordinal) && Measured(o.Name));

    public static async Task<IReadOnlyList<(string Name, string Path, bool Compliance)>> OperationsAsync(string connectionString, Guid agent)
    {
        var operations = new List<(string Name, string Path, bool Compliance)>();
        foreach (var (name, path, compliance, deep) in Operations(agent).Where(o => Measured(o.Item1)))
        {
            if (deep is null)
            {
                operations.Add((name, path, compliance));
            }
            else if (await CursorAsync(connectionString, deep) is { } cursor)
            {
                operations.Add((name, $"{path}&after={cursor}", compliance));
            }
            else
            {
                Console.WriteLine($"{name}: not measured, the queue has no page 1,000 in that order");
            }
        }

        return operations;
    }

    private static async Task<string?> CursorAsync(string connectionString, DeepPage deep)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT /* the deep page's cursor */ {deep.Column}, id FROM inquiry.mt_doc_queue WHERE {deep.Where} ORDER BY {deep.OrderBy} OFFSET {DeepOffset} LIMIT 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var value = reader.IsDBNull(0) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(0);
        return new SupportPlatform.Inquiry.Inquiries.Queueing.QueueCursor(value, reader.GetGuid(1)).ToString();
    }

    private static IReadOnlyList<(string Name, string Path, bool Compliance, DeepPage? Deep)> Operations(Guid agent) =>
    [
        ("queue: default, page 1", "/api/agent/inquiries/?pageSize=25", false, null),
        ("queue: default, page 1,000", "/api/agent/inquiries/?pageSize=25", false, new("true", "last_activity_at", "last_activity_at, id")),
        ("queue: status=open", "/api/agent/inquiries/?status=open", false, null),
        ("queue: status=answered", "/api/agent/inquiries/?status=answered", false, null),
        ("queue: status=closed, page 1,000", "/api/agent/inquiries/?status=closed", false, new("status = 'closed'", "last_activity_at", "last_activity_at, id")),
        ($"queue: assignee, page 1", $"/api/agent/inquiries/?assignee={agent}", false, null),
        ("queue: assignee=none", "/api/agent/inquiries/?assignee=none", false, null),
        ("queue: waitingOn=agent", "/api/agent/inquiries/?waitingOn=agent", false, null),
        ("queue: olderThanDays=30", "/api/agent/inquiries/?olderThanDays=30", false, null),
        ("queue: sort=-submitted, page 1", "/api/agent/inquiries/?sort=-submitted", false, null),
        ("queue: sort=-submitted, page 1,000", "/api/agent/inquiries/?sort=-submitted", false, new("true", "submitted_at", "submitted_at DESC, id DESC")),
        ("queue: sort=due, page 1", "/api/agent/inquiries/?sort=due", false, null),
        ("queue: sort=due, page 1,000", "/api/agent/inquiries/?sort=due", false, new("true", "due_at", "due_at, id")),
        ("word search q=스팸", "/api/agent/inquiries/?q=%EC%8A%A4%ED%8C%B8", false, null),
        ("retention report", "/api/compliance/retention-report", true, null),
        // What the desk's /operations page asks Inquiry for, with its default period (the last 8 weeks) and a year.
        ("operations: workload", "/api/agent/inquiries/workload", false, null),
        ("operations: response times", "/api/agent/inquiries/response-times", false, null),
        ("operations: satisfaction", "/api/agent/inquiries/satisfaction", false, null),
        ("operations: workload, a year", $"/api/agent/inquiries/workload?{LastYear}", false, null),
        ("operations: response times, a year", $"/api/agent/inquiries/response-times?{LastYear}", false, null),
        // The desk's search over message text (issue 25): a word in most inquiries, several words, a reply's words, English words.
        ("message search q=스팸", "/api/agent/inquiries/search?q=" + Uri.EscapeDataString("스팸"), false, null),
        ("message search q=대량 발송 차단", "/api/agent/inquiries/search?q=" + Uri.EscapeDataString("대량 발송 차단"), false, null),
        ("message search q=원격 지원", "/api/agent/inquiries/search?q=" + Uri.EscapeDataString("원격 지원"), false, null),
        ("message search q=relaying denied", "/api/agent/inquiries/search?q=relaying%20denied", false, null),
    ];

    /// <summary>The longest period the reports take (371 days), ending today.</summary>
    private static string LastYear =>
        FormattableString.Invariant($"from={DateTime.UtcNow.AddHours(9).AddDays(-365):yyyy-MM-dd}&to={DateTime.UtcNow.AddHours(9):yyyy-MM-dd}");

    /// <summary>The operations view's default period (Inquiry's: the last 8 weeks), which the desk passes on to Knowledge's reports.</summary>
    private static string DefaultPeriod
    {
        get
        {
            var period = SupportPlatform.ServiceDefaults.Reporting.ReportPeriod.Default(DateTimeOffset.UtcNow);
            return FormattableString.Invariant($"from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}");
        }
    }

    /// <summary>What the desk's /operations page asks Knowledge for, with the default period and a year.</summary>
    private static IReadOnlyList<(string Name, string Path)> KnowledgeReports =>
    [
        ("operations: deflection funnel", $"/api/staff/reports/deflection?{DefaultPeriod}"),
        ("operations: knowledge gaps", $"/api/staff/reports/knowledge-gaps?page=1&{DefaultPeriod}"),
        ("operations: deflection funnel, a year", $"/api/staff/reports/deflection?{LastYear}"),
        ("operations: knowledge gaps, a year", $"/api/staff/reports/knowledge-gaps?page=1&{LastYear}"),
    ];

    public static async Task RunAsync(GeneratingPlatform platform, string connectionString, GeneratorKeys keys, int requests)
    {
        var signing = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(keys.SigningKey));
        var (agentId, agentName) = InquiryPlan.Agents[0];
        var agent = StaffAuthentication.IssueToken(signing, agentId, agentName, "agent@staff.test", [StaffRoles.Agent], DateTimeOffset.UtcNow, TimeSpan.FromHours(4));
        var compliance = StaffAuthentication.IssueToken(signing, Guid.NewGuid(), "준법감시인", "compliance@staff.test", [StaffRoles.Compliance], DateTimeOffset.UtcNow, TimeSpan.FromHours(4));
        var ids = await RandomInquiriesAsync(connectionString, requests);
        var (inquiry, knowledge, notification) = (platform.Inquiry.CreateClient(), platform.Knowledge.CreateClient(), platform.Notification.CreateClient());
        var operations = (await OperationsAsync(connectionString, agentId)).Select(o => (o.Name, Http: inquiry, Paths: (Func<int, string>)(_ => o.Path), o.Compliance)).ToList();
        operations.AddRange(KnowledgeReports.Select(r => (r.Name, knowledge, (Func<int, string>)(_ => r.Path), false)));
        // The inquiry page reads these four side by side (Pages/Inquiries/Detail.ShowAsync).
        operations.Add(("inquiry page (agent)", inquiry, i => $"/api/agent/inquiries/{ids[i % ids.Count]}", false));
        operations.Add(("message search: similar inquiries (비슷한 이전 문의)", inquiry, i => $"/api/agent/inquiries/{ids[i % ids.Count]}/similar", false));
        operations.Add(("inquiry page: suggested articles", knowledge, i => $"/api/staff/inquiries/{ids[i % ids.Count]}/suggestions", false));
        operations.Add(("inquiry page: delivery status", notification, i => $"/api/notifications?inquiryId={ids[i % ids.Count]}", false));
        operations.RemoveAll(o => !Measured(o.Name));
        foreach (var (name, http, path, isCompliance) in operations)
        {
            var times = new List<double>(requests);
            var failed = 0;
            await SendAsync(http, path(0), isCompliance ? compliance : agent); // warm-up: JIT and plan cache
            for (var i = 0; i < requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await SendAsync(http, path(i), isCompliance ? compliance : agent);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                failed += ok ? 0 : 1;
            }

            times.Sort();
            Console.WriteLine(FormattableString.Invariant(
                $"{name,-36} p50 {Stats.Percentile([.. times], 0.5),8:F1} ms   p95 {Stats.Percentile([.. times], 0.95),8:F1} ms   ({requests} requests, {failed} failed)"));
        }
    }

    public static async Task ExplainAsync(GeneratingPlatform platform, string connectionString, GeneratorKeys keys)
    {
        var signing = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(keys.SigningKey));
        var (agentId, agentName) = InquiryPlan.Agents[0];
        var agent = StaffAuthentication.IssueToken(signing, agentId, agentName, "agent@staff.test", [StaffRoles.Agent], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var compliance = StaffAuthentication.IssueToken(signing, Guid.NewGuid(), "준법감시인", "compliance@staff.test", [StaffRoles.Compliance], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var id = (await RandomInquiriesAsync(connectionString, 1))[0];
        var (inquiry, knowledge, notification) = (platform.Inquiry.CreateClient(), platform.Knowledge.CreateClient(), platform.Notification.CreateClient());
        var operations = (await OperationsAsync(connectionString, agentId)).Select(o => (o.Name, Http: inquiry, o.Path, o.Compliance))
            .Append(("message search: similar inquiries", inquiry, $"/api/agent/inquiries/{id}/similar", false))
            .Concat(KnowledgeReports.Select(r => (r.Name, knowledge, r.Path, false)))
            .Append(("inquiry page: suggested articles", knowledge, $"/api/staff/inquiries/{id}/suggestions", false))
            .Append(("inquiry page: delivery status", notification, $"/api/notifications?inquiryId={id}", false))
            .Where(o => Measured(o.Item1));
        foreach (var (name, http, path, isCompliance) in operations)
        {
            Console.WriteLine($"-- {name}: GET {path}");
            await SendAsync(http, path, isCompliance ? compliance : agent);
        }
    }

    /// <summary>auto_explain for every new session of the database (the service's pool opens them after this).</summary>
    public static Task SetAutoExplainAsync(string admin, string database, bool on) =>
        Sql.ExecuteAsync(admin, on
            ? $"""
              ALTER DATABASE {database} SET session_preload_libraries = 'auto_explain';
              ALTER DATABASE {database} SET auto_explain.log_min_duration = 0;
              ALTER DATABASE {database} SET auto_explain.log_analyze = on;
              ALTER DATABASE {database} SET auto_explain.log_buffers = on;
              """
            : $"ALTER DATABASE {database} RESET ALL");

    private static async Task<bool> SendAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    private static async Task<List<Guid>> RandomInquiriesAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT id FROM inquiry.mt_doc_queue TABLESAMPLE SYSTEM (10) LIMIT {count}", connection);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
