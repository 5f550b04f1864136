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
/// </summary>
internal static class Measuring
{
    public static IReadOnlyList<(string Name, string Path, bool Compliance)> Operations(Guid agent) =>
    [
        ("queue: default, page 1", "/api/agent/inquiries/?page=1", false),
        ("queue: default, page 1,000", "/api/agent/inquiries/?page=1000", false),
        ("queue: status=open", "/api/agent/inquiries/?status=open", false),
        ("queue: status=answered", "/api/agent/inquiries/?status=answered", false),
        ("queue: status=closed, page 1,000", "/api/agent/inquiries/?status=closed&page=1000", false),
        ($"queue: assignee, page 1", $"/api/agent/inquiries/?assignee={agent}", false),
        ("queue: assignee=none", "/api/agent/inquiries/?assignee=none", false),
        ("queue: waitingOn=agent", "/api/agent/inquiries/?waitingOn=agent", false),
        ("queue: olderThanDays=30", "/api/agent/inquiries/?olderThanDays=30", false),
        ("queue: sort=-submitted, page 1", "/api/agent/inquiries/?sort=-submitted", false),
        ("queue: sort=-submitted, page 1,000", "/api/agent/inquiries/?sort=-submitted&page=1000", false),
        ("word search q=스팸", "/api/agent/inquiries/?q=%EC%8A%A4%ED%8C%B8", false),
        // The desk's search over message text (issue 25): a word in most inquiries, several words, a reply's words, English words.
        ("message search q=스팸", "/api/agent/inquiries/search?q=" + Uri.EscapeDataString("스팸"), false),
        ("message search q=대량 발송 차단", "/api/agent/inquiries/search?q=" + Uri.EscapeDataString("대량 발송 차단"), false),
        ("message search q=원격 지원", "/api/agent/inquiries/search?q=" + Uri.EscapeDataString("원격 지원"), false),
        ("message search q=relaying denied", "/api/agent/inquiries/search?q=relaying%20denied", false),
        ("retention report", "/api/compliance/retention-report", true),
    ];

    public static async Task RunAsync(HttpClient http, string connectionString, GeneratorKeys keys, int requests)
    {
        var signing = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(keys.SigningKey));
        var (agentId, agentName) = InquiryPlan.Agents[0];
        var agent = StaffAuthentication.IssueToken(signing, agentId, agentName, "agent@staff.test", [StaffRoles.Agent], DateTimeOffset.UtcNow, TimeSpan.FromHours(4));
        var compliance = StaffAuthentication.IssueToken(signing, Guid.NewGuid(), "준법감시인", "compliance@staff.test", [StaffRoles.Compliance], DateTimeOffset.UtcNow, TimeSpan.FromHours(4));
        var ids = await RandomInquiriesAsync(connectionString, requests);
        var operations = Operations(agentId).Select(o => (o.Name, Paths: (Func<int, string>)(_ => o.Path), o.Compliance)).ToList();
        operations.Add(("inquiry page (agent)", i => $"/api/agent/inquiries/{ids[i % ids.Count]}", false));
        operations.Add(("similar inquiries (비슷한 이전 문의)", i => $"/api/agent/inquiries/{ids[i % ids.Count]}/similar", false));
        foreach (var (name, path, isCompliance) in operations)
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

    public static async Task ExplainAsync(HttpClient http, string connectionString, GeneratorKeys keys)
    {
        var signing = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(keys.SigningKey));
        var (agentId, agentName) = InquiryPlan.Agents[0];
        var agent = StaffAuthentication.IssueToken(signing, agentId, agentName, "agent@staff.test", [StaffRoles.Agent], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var compliance = StaffAuthentication.IssueToken(signing, Guid.NewGuid(), "준법감시인", "compliance@staff.test", [StaffRoles.Compliance], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var similar = $"/api/agent/inquiries/{(await RandomInquiriesAsync(connectionString, 1))[0]}/similar";
        foreach (var (name, path, isCompliance) in Operations(agentId).Append(("similar inquiries", similar, false)))
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
