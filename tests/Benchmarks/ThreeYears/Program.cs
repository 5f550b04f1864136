// ThreeYears — fills a platform with three years of a busy vendor through the services' own code
// paths, Inquiry, Knowledge and Notification in this process on one fake clock that walks the three
// years a day at a time (working days busy, weekends quiet; GeneratingPlatform.cs):
//  - customers type their summary in the Lounge's form as the Lounge does: Knowledge's
//    recommendations, a "shown" funnel event per article, some open one ("opened"); a fifth of the
//    visitors mark it helpful and file nothing (deflected), the rest submit over Inquiry's HTTP API
//    with the Lounge's recommendation session (consent, sealing of the personal data, the event
//    stream), 10% with a small log file uploaded first;
//  - agents open each inquiry, assign it, note it, answer it 0-6 times and close most of it, through
//    the same API; 0.2% get a legal hold;
//  - Inquiry's daemon projects its read models and publishes every integration event to RabbitMQ;
//    Knowledge keeps the suggestions, gaps and session links of each submission, Notification sends
//    every email they call for (receipts, staff alerts, replies, SLA warnings, surveys, reminders) to
//    a real SMTP server that discards them, and records each delivery; Inquiry's retention, SLA and
//    auto-close jobs run on the generator's clock, as in production.
// At each day's end the generator waits until Knowledge and Notification have at most --max-lag
// messages to go (events Inquiry has not yet published included), so it never runs ahead of them.
//
//   dotnet run -c Release --project tests/Benchmarks/ThreeYears -- [--inquiries 1000000] [--years 3]
//       [--concurrency 8] [--seed 26] [--database threeyears] [--postgres "<admin connection string>"]
//       [--keys <file>] [--dump <file>] [--max-lag 5000]
//
// Databases: --database (Inquiry's), and beside it <database>_shredlist, <database>_knowledge and
// <database>_notification. Resumable: each finished day is recorded in the database
// (public.threeyears_progress) and a run continues after the last one (a day cut short leaves its
// few inquiries half-worked, as a crash of the desk would, and the at most --max-lag messages not
// yet consumed are lost with the run's throwaway vhost). The keys the data is sealed with are kept in
// --keys (default $SUPPORTPLATFORM_DATA/threeyears-keys.json), and the benchmarks need them to open
// the data. At the end it waits for the read models, prints each database's size and rows and, with
// --dump, writes one pg_dump (custom format) per database: the file named, and the others beside it
// with the database's suffix (threeyears.dump, threeyears_knowledge.dump, …).
//
//   dotnet run -c Release --project tests/Benchmarks/ThreeYears -- measure [--requests 100] [--explain]
//       [--rebuild] [--reindex <workers>] [--container sp-bench-postgres] [--database threeyears] [--postgres ...] [--keys ...]
//       [--only <parts of the operations' names, comma-separated>]
//
// measures the desk's hot reads on the generated platform (Measuring.cs), the inquiry page's
// suggestions and delivery status and the operations view's Knowledge reports included; --explain
// first runs each once with auto_explain (ANALYZE, BUFFERS) and prints the plans from the server's
// log; --rebuild first rebuilds the read models a dump holds in an older shape (ReadModels);
// --reindex first rebuilds the message search index with that many workers (ReindexAsync); --only
// measures the operations whose names contain one of its parts (e.g. "message search"; it waits for
// the message search index only when that is one).
//
//   dotnet run -c Release --project tests/Benchmarks/ThreeYears -- rebuild [--rounds 2]
//       [--database threeyears_rebuild] [--postgres ...] [--container sp-bench-postgres]
//
// rebuilds each of Inquiry's read models (every async projection the service registers) from the
// generated log with Marten's daemon, the service's settings alternated with Marten 9's rebuild
// options, and prints events/s per read model with the CPU time this process and the server's
// container spent on each. It replaces the read models: use a restored copy.
extern alias InquiryApi;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using SupportPlatform.Benchmarks;
using SupportPlatform.Benchmarks.ThreeYears;
using SupportPlatform.ServiceDefaults;

var options = GeneratorOptions.Parse(args);
if (args.FirstOrDefault() == "measure")
{
    await Measure(options, args);
    return;
}

if (args.FirstOrDefault() == "rebuild")
{
    await Rebuild(options, args);
    return;
}

var admin = new NpgsqlConnectionStringBuilder(options.Postgres);
var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = options.Database, MaxPoolSize = 50 };
await using (var check = new NpgsqlConnection(admin.ConnectionString))
{
    await check.OpenAsync();
    await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", check);
    exists.Parameters.AddWithValue("name", options.Database);
    if (await exists.ExecuteScalarAsync() is null)
    {
        await Sql.ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE {options.Database}");
    }
}

await Sql.ExecuteAsync(target.ConnectionString,
    "CREATE TABLE IF NOT EXISTS public.threeyears_progress (day int PRIMARY KEY, inquiries int NOT NULL, finished_at timestamptz NOT NULL DEFAULT now())");
var days = Calendar.Days(options.Years, options.Inquiries);
var (doneDays, doneInquiries) = await Progress.ReadAsync(target.ConnectionString);
if (doneDays >= days.Count)
{
    Console.WriteLine($"{options.Database}: all {days.Count} days generated ({doneInquiries} inquiries); nothing to do");
}

var keys = await GeneratorKeys.LoadOrCreateAsync(options.Keys);
await ServiceDatabases.EnsureAsync(admin.ConnectionString, target.ConnectionString);
var vhost = new SupportPlatform.Testing.RabbitMqVhost();
await vhost.InitializeAsync();
var platform = await GeneratingPlatform.StartAsync(target.ConnectionString, vhost.ConnectionString, keys, days[Math.Min(doneDays, days.Count - 1)].Start);
try
{
    var signing = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(keys.SigningKey));
    var agents = InquiryPlan.Agents.Select(a => StaffAuthentication.IssueToken(signing, a.Id, a.Name, $"{a.Id:N}@staff.test", [StaffRoles.Agent], DateTimeOffset.UtcNow, TimeSpan.FromDays(30))).ToArray();
    var compliance = StaffAuthentication.IssueToken(signing, Guid.NewGuid(), "준법감시인", "compliance@staff.test", [StaffRoles.Compliance], DateTimeOffset.UtcNow, TimeSpan.FromDays(30));
    var generator = new DayGenerator(platform.Inquiry.CreateClient(), platform.Knowledge.CreateClient(), platform.Clock, agents, compliance, options);
    var run = Stopwatch.StartNew();
    var generatedThisRun = 0;
    var (requests, failures) = (0L, 0L);
    var printed = Stopwatch.StartNew();
    Console.WriteLine($"{options.Database}: {options.Inquiries} inquiries over {days.Count} days from {days[0].Start:yyyy-MM-dd}; resuming after day {doneDays} ({doneInquiries} inquiries)");
    for (var day = doneDays; day < days.Count; day++)
    {
        var counts = await generator.RunAsync(days[day], recent: days.Count - day <= 14);
        await platform.WaitUntilConsumedAsync(target.ConnectionString, options.MaxLag);
        await Progress.RecordAsync(target.ConnectionString, day + 1, days[day].Inquiries);
        generatedThisRun += days[day].Inquiries;
        requests += counts.Requests;
        failures += counts.Failures;
        if (printed.Elapsed < TimeSpan.FromSeconds(10) && day + 1 < days.Count)
        {
            continue;
        }

        printed.Restart();
        var rate = generatedThisRun / run.Elapsed.TotalSeconds;
        var left = days.Skip(day + 1).Sum(d => d.Inquiries);
        Console.WriteLine(FormattableString.Invariant(
            $"day {day + 1}/{days.Count} {days[day].Start:yyyy-MM-dd}: {doneInquiries + generatedThisRun}/{options.Inquiries} inquiries, {requests} requests ({failures} failed), {rate:F1} inquiries/s, ETA {TimeSpan.FromSeconds(left / Math.Max(rate, 0.001)):d\\.hh\\:mm\\:ss}"));
    }

    Console.WriteLine("waiting for Knowledge and Notification to consume everything...");
    await platform.WaitUntilConsumedAsync(target.ConnectionString, maxLag: 0);
    // The shards' rows ("queue:All"); Marten's own bookkeeping rows (HighWaterStuckGap, …) may stay behind for good.
    Console.WriteLine("waiting for the read models to catch up with the log...");
    var caughtUp = Stopwatch.StartNew();
    while (await Sql.ScalarAsync<long>(target.ConnectionString,
               "SELECT count(*) FROM inquiry.mt_event_progression WHERE name LIKE '%:%' AND last_seq_id < (SELECT coalesce(max(seq_id), 0) FROM inquiry.mt_events)") > 0)
    {
        await Task.Delay(1000);
    }

    Console.WriteLine(FormattableString.Invariant($"read models caught up in {caughtUp.Elapsed.TotalSeconds:F0} s; generated {generatedThisRun} inquiries in {run.Elapsed.TotalMinutes:F1} min this run ({generatedThisRun / run.Elapsed.TotalSeconds:F1} inquiries/s)"));
    Console.WriteLine($"published this run: {string.Join(", ", platform.Messages.Published.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
    await Sizes.PrintAsync(target.ConnectionString);
}
finally
{
    await platform.DisposeAsync();
    await vhost.DisposeAsync();
}

if (options.Dump is { } dump)
{
    // One dump per database: the file named for Inquiry's, the others beside it with their suffix.
    foreach (var suffix in ServiceDatabases.Suffixes)
    {
        var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dump))!, Path.GetFileNameWithoutExtension(dump) + suffix + Path.GetExtension(dump));
        var dumping = Stopwatch.StartNew();
        using var pgDump = Process.Start(new ProcessStartInfo("pg_dump", ["-Fc", "-Z", "1", "-f", file, "-d", $"postgresql://{target.Username}:{target.Password}@{target.Host}:{target.Port}/{target.Database}{suffix}"]))!;
        await pgDump.WaitForExitAsync();
        Console.WriteLine(FormattableString.Invariant($"pg_dump -> {file}: exit {pgDump.ExitCode}, {new FileInfo(file).Length / 1024 / 1024} MB in {dumping.Elapsed.TotalSeconds:F0} s"));
    }
}

static async Task Measure(GeneratorOptions options, string[] args)
{
    string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    var admin = new NpgsqlConnectionStringBuilder(options.Postgres);
    var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = options.Database };
    var keys = await GeneratorKeys.LoadOrCreateAsync(options.Keys);
    // A dump made before Knowledge and Notification were generated gets their databases empty (seeded articles, no deliveries).
    await ServiceDatabases.EnsureAsync(admin.ConnectionString, target.ConnectionString);
    var vhost = new SupportPlatform.Testing.RabbitMqVhost();
    await vhost.InitializeAsync();
    try
    {
        if (args.Contains("--rebuild"))
        {
            await ReadModels.RebuildAsync(target.ConnectionString, vhost.ConnectionString, keys);
        }

        var inquiries = await Sql.ScalarAsync<long>(target.ConnectionString, "SELECT count(*) FROM inquiry.mt_doc_queue");
        Console.WriteLine($"{options.Database}: {inquiries} inquiries in the queue");
        Measuring.Only = Value("--only");
        if (Value("--reindex") is { } workers)
        {
            await ReindexAsync(target.ConnectionString, keys, vhost.ConnectionString, int.Parse(workers, CultureInfo.InvariantCulture));
        }

        if (Measuring.MeasuresMessageSearch)
        {
            await MessageSearchIndexedAsync(target.ConnectionString, keys, vhost.ConnectionString);
        }
        if (args.Contains("--explain"))
        {
            var since = DateTimeOffset.UtcNow;
            var databases = new[] { "", ServiceDatabases.Knowledge, ServiceDatabases.Notification }.Select(suffix => options.Database + suffix).ToList();
            foreach (var database in databases)
            {
                await Measuring.SetAutoExplainAsync(admin.ConnectionString, database, on: true);
            }

            await using (var explained = await GeneratingPlatform.StartAsync(target.ConnectionString, vhost.ConnectionString, keys, DateTimeOffset.UtcNow))
            {
                await Measuring.ExplainAsync(explained, target.ConnectionString, keys);
            }

            foreach (var database in databases)
            {
                await Measuring.SetAutoExplainAsync(admin.ConnectionString, database, on: false);
            }
            using var logs = Process.Start(new ProcessStartInfo("docker", ["logs", "--since", since.ToString("o"), Value("--container") ?? "sp-bench-postgres"]) { RedirectStandardError = true })!;
            var plans = await logs.StandardError.ReadToEndAsync();
            await logs.WaitForExitAsync();
            // Only the desk's reads: the daemon's polling and Marten's own bookkeeping are planned too.
            string[] deskTables = ["inquiry.mt_doc_", "inquiry.retention_", "message_search_terms", "knowledge.funnel_events", "knowledge.inquiry_suggestions", "knowledge.knowledge_gaps", "notification.deliveries"];
            foreach (var plan in plans.Split("LOG:  duration:").Where(p => deskTables.Any(p.Contains) && !p.Contains("the deep page's cursor") && !p.Contains("where id = ANY(") && !p.Contains("pg_catalog") && !p.Contains("pg_index")))
            {
                Console.WriteLine("LOG:  duration:" + plan.TrimEnd());
            }
        }

        await using var platform = await GeneratingPlatform.StartAsync(target.ConnectionString, vhost.ConnectionString, keys, DateTimeOffset.UtcNow);
        await Measuring.RunAsync(platform, target.ConnectionString, keys, int.Parse(Value("--requests") ?? "100", CultureInfo.InvariantCulture));
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant($"peak RSS of this process (three services and harness together, an upper bound): {self.PeakWorkingSet64 / 1024 / 1024} MB"));
        await Sizes.PrintAsync(target.ConnectionString);
    }
    finally
    {
        await vhost.DisposeAsync();
    }
}

// A database generated before the message search index (issue 25) gets it the way production does:
// the service's subscription indexes the whole log after the migration, which is timed here.
static async Task MessageSearchIndexedAsync(string connectionString, GeneratorKeys keys, string rabbitMq)
{
    const string Behind = "SELECT coalesce((SELECT max(seq_id) FROM inquiry.mt_events), 0) - coalesce((SELECT last_seq_id FROM inquiry.mt_event_progression WHERE name = 'message-search:All'), 0)";
    var indexing = Stopwatch.StartNew();
    await using var platform = new InquiryService(connectionString, rabbitMq, keys, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
    platform.CreateClient().Dispose(); // starts the service, its migrations and its daemon
    while (await Sql.ScalarAsync<long>(connectionString, Behind) is var behind and > 0)
    {
        Console.WriteLine($"message search index: {behind} events behind");
        await Task.Delay(TimeSpan.FromSeconds(10));
    }

    Console.WriteLine(FormattableString.Invariant(
        $"message search index: caught up with the log after {indexing.Elapsed.TotalSeconds:F0} s; {await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM inquiry.message_search_terms")} rows, {await Sql.ScalarAsync<string>(connectionString, "SELECT pg_size_pretty(pg_total_relation_size('inquiry.message_search_terms'))")}"));
}

// --reindex <workers>: the index rebuilt from the streams by several workers, as `-- search-index
// rebuild` does with SearchIndex:RebuildWorkers, and the subscription set to the end of the log
// first; on a machine where the subscription gets a small share of one core (15 events/s at a load
// average of 70) that is the way to have the index before measuring.
static async Task ReindexAsync(string connectionString, GeneratorKeys keys, string rabbitMq, int workers)
{
    await Sql.ExecuteAsync(
        connectionString,
        """
        INSERT INTO inquiry.mt_event_progression (name, last_seq_id) VALUES ('message-search:All', (SELECT max(seq_id) FROM inquiry.mt_events))
        ON CONFLICT (name) DO UPDATE SET last_seq_id = excluded.last_seq_id
        """);
    var rebuilding = Stopwatch.StartNew();
    await using var inquiry = new InquiryService(connectionString, rabbitMq, keys, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
    await using var reindexing = inquiry.WithWebHostBuilder(builder => builder.UseSetting("SearchIndex:RebuildWorkers", workers.ToString(CultureInfo.InvariantCulture)));
    var outcome = await reindexing.Services.GetRequiredService<InquiryApi::SupportPlatform.Inquiry.Inquiries.SearchingMessages.MessageSearchRebuild>().RunAsync(CancellationToken.None);
    Console.WriteLine(FormattableString.Invariant($"message search index: rebuilt by {workers} workers in {rebuilding.Elapsed.TotalSeconds:F0} s: {outcome}"));
}

static async Task Rebuild(GeneratorOptions options, string[] args)
{
    var rounds = int.Parse(args.SkipWhile(a => a != "--rounds").Skip(1).FirstOrDefault() ?? "2", CultureInfo.InvariantCulture);
    var target = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = options.Database };
    await using var dataSource = NpgsqlDataSource.Create(target.ConnectionString);
    Func<StoreOptions> serviceOptions = () => SupportPlatform.Inquiry.InquiryStore.Configure(new StoreOptions(), dataSource);
    // The server's CPU time from its container's cgroup (v1 or v2), when this machine runs it.
    var container = args.SkipWhile(a => a != "--container").Skip(1).FirstOrDefault() ?? "sp-bench-postgres";
    using var inspect = Process.Start(new ProcessStartInfo("docker", ["inspect", "-f", "{{.Id}}", container]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    var id = (await inspect.StandardOutput.ReadToEndAsync()).Trim();
    await inspect.WaitForExitAsync();
    var usage = new[] { $"/sys/fs/cgroup/cpuacct/docker/{id}/cpuacct.usage", $"/sys/fs/cgroup/system.slice/docker-{id}.scope/cpu.stat" }.FirstOrDefault(File.Exists);
    Func<double>? serverCpu = usage switch
    {
        null => null,
        _ when usage.EndsWith("cpuacct.usage", StringComparison.Ordinal) => () => long.Parse(File.ReadAllText(usage).Trim(), CultureInfo.InvariantCulture) / 1e9,
        _ => () => long.Parse(File.ReadLines(usage).First(l => l.StartsWith("usage_usec ", StringComparison.Ordinal))[11..], CultureInfo.InvariantCulture) / 1e6,
    };
    await ProjectionRebuilds.RunAsync(dataSource, $"{SupportPlatform.Inquiry.InquiryStore.Schema}.mt_events", serviceOptions,
        ProjectionRebuilds.ReadModels(serviceOptions()), RebuildVariant.MartenOptions, rounds, serverCpu);
}

/// <summary>One calendar day of the generated years and how many inquiries arrive on it.</summary>
internal sealed record Day(DateTimeOffset Start, int Inquiries);

internal static class Calendar
{
    /// <summary>
    /// The days of <paramref name="years"/> years ending yesterday (KST midnights, in UTC), the
    /// inquiries spread over them: a working day ten times a Sunday, Saturdays a little more.
    /// </summary>
    public static IReadOnlyList<Day> Days(int years, int inquiries)
    {
        var kst = TimeSpan.FromHours(9);
        var today = new DateTimeOffset(DateTimeOffset.UtcNow.ToOffset(kst).Date, kst);
        var first = today.AddYears(-years);
        var dates = Enumerable.Range(0, (int)(today - first).TotalDays).Select(i => first.AddDays(i)).ToList();
        var weights = dates.Select(d => d.DayOfWeek switch { DayOfWeek.Sunday => 0.1, DayOfWeek.Saturday => 0.15, _ => 1.0 }).ToList();
        var total = weights.Sum();
        var days = new List<Day>(dates.Count);
        double cumulative = 0;
        var assigned = 0;
        for (var i = 0; i < dates.Count; i++)
        {
            cumulative += weights[i];
            var upTo = (int)Math.Round(inquiries * cumulative / total);
            days.Add(new Day(dates[i].ToUniversalTime(), upTo - assigned));
            assigned = upTo;
        }

        return days;
    }
}

/// <summary>
/// <c>measure --rebuild</c>: a dump made before a read model changed (a new column, the SLA due times)
/// holds it in its old shape. The service rebuilds the queue and the response times through its
/// daemon, as an admin's rebuild does, and the read models it has never seen catch up from the first
/// event; the measurement starts when every one stands at the end of the log.
/// </summary>
internal static class ReadModels
{
    public static async Task RebuildAsync(string connectionString, string rabbitMq, GeneratorKeys keys)
    {
        var started = Stopwatch.StartNew();
        await using var platform = new InquiryService(connectionString, rabbitMq, keys, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        _ = platform.Server;
        var daemon = platform.Services.GetRequiredService<JasperFx.Events.Daemon.IProjectionCoordinator>().DaemonForMainDatabase();
        while (!daemon.IsRunning)
        {
            await Task.Delay(200);
        }

        foreach (var readModel in InquiryApi::SupportPlatform.Inquiry.ServiceLevels.Rebuilding.ReadModelRebuilds.ReadModels)
        {
            await daemon.RebuildProjectionAsync(readModel, TimeSpan.FromMinutes(60), CancellationToken.None);
            Console.WriteLine(FormattableString.Invariant($"rebuilt {readModel} at {started.Elapsed.TotalSeconds:F0} s"));
        }

        while (await Sql.ScalarAsync<long>(connectionString,
                   "SELECT count(*) FROM inquiry.mt_event_progression WHERE name LIKE '%:All' AND last_seq_id < (SELECT coalesce(max(seq_id), 0) FROM inquiry.mt_events)") > 0)
        {
            await Task.Delay(1000);
        }

        await Sql.ExecuteAsync(connectionString, "VACUUM ANALYZE");
        Console.WriteLine(FormattableString.Invariant($"read models rebuilt and caught up, vacuumed and analysed, in {started.Elapsed.TotalSeconds:F0} s"));
    }
}

internal static class Progress
{
    public static async Task<(int Days, long Inquiries)> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(day), 0), coalesce(sum(inquiries), 0)::bigint FROM public.threeyears_progress", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt64(1));
    }

    public static Task RecordAsync(string connectionString, int day, int inquiries) =>
        Sql.ExecuteAsync(connectionString, FormattableString.Invariant($"INSERT INTO public.threeyears_progress (day, inquiries) VALUES ({day}, {inquiries}) ON CONFLICT (day) DO NOTHING"));
}

internal static class Sizes
{
    public static async Task PrintAsync(string connectionString)
    {
        var inquiries = await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM inquiry.mt_doc_queue");
        var streams = await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM inquiry.mt_streams");
        var events = await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM inquiry.mt_events");
        var bytes = await Sql.ScalarAsync<long>(connectionString, "SELECT pg_database_size(current_database())");
        Console.WriteLine(FormattableString.Invariant(
            $"database: {bytes / 1024.0 / 1024:F0} MB, {inquiries} inquiries ({streams} streams), {events} events, {(inquiries == 0 ? 0 : bytes / inquiries)} bytes per inquiry"));
        await PrintLargestAsync(connectionString, "inquiry");
        foreach (var (suffix, schema, rows) in new[]
        {
            (ServiceDatabases.Knowledge, "knowledge", """
                SELECT 'funnel_events ' || kind, count(*) FROM knowledge.funnel_events GROUP BY kind
                UNION ALL SELECT 'feedback ' || CASE WHEN helpful THEN 'helpful' ELSE 'not helpful' END, count(*) FROM knowledge.feedback GROUP BY helpful
                UNION ALL SELECT 'session_inquiries', count(*) FROM knowledge.session_inquiries
                UNION ALL SELECT 'funnel sessions without an inquiry', count(DISTINCT session_id) FROM knowledge.funnel_events f WHERE NOT EXISTS (SELECT 1 FROM knowledge.session_inquiries s WHERE s.session_id = f.session_id)
                UNION ALL SELECT 'inquiry_suggestions', count(*) FROM knowledge.inquiry_suggestions
                UNION ALL SELECT 'knowledge_gaps', count(*) FROM knowledge.knowledge_gaps
                UNION ALL SELECT 'articles', count(*) FROM knowledge.articles
                ORDER BY 1
                """),
            (ServiceDatabases.Notification, "notification",
                "SELECT 'deliveries ' || kind || ' ' || status, count(*) FROM notification.deliveries GROUP BY kind, status ORDER BY 1"),
        })
        {
            var service = ServiceDatabases.ConnectionString(connectionString, suffix);
            Console.WriteLine(FormattableString.Invariant($"database{suffix}: {await Sql.ScalarAsync<long>(service, "SELECT pg_database_size(current_database())") / 1024.0 / 1024:F0} MB"));
            await using var connection = new NpgsqlConnection(service);
            await connection.OpenAsync();
            await using (var command = new NpgsqlCommand(rows, connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    Console.WriteLine(FormattableString.Invariant($"  {reader.GetString(0),-40} {reader.GetInt64(1),10}"));
                }
            }

            await PrintLargestAsync(service, schema);
        }
    }

    private static async Task PrintLargestAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 8
            """, connection);
        command.Parameters.AddWithValue("schema", schema);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine(FormattableString.Invariant($"  {reader.GetString(0),-28} {reader.GetInt64(1) / 1024.0 / 1024,8:F1} MB"));
        }
    }
}

/// <param name="MaxLag">How much work Knowledge and Notification may still have at a day's end (<see cref="GeneratingPlatform.WaitUntilConsumedAsync"/>).</param>
internal sealed record GeneratorOptions(int Inquiries, int Years, int Concurrency, int Seed, string Database, string Postgres, string Keys, string? Dump, long MaxLag)
{
    public static GeneratorOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var data = Environment.GetEnvironmentVariable("SUPPORTPLATFORM_DATA") is { Length: > 0 } d ? d : "/var/tmp/supportplatform";
        return new GeneratorOptions(
            int.Parse(Value("--inquiries") ?? "1000000", CultureInfo.InvariantCulture),
            int.Parse(Value("--years") ?? "3", CultureInfo.InvariantCulture),
            int.Parse(Value("--concurrency") ?? "8", CultureInfo.InvariantCulture),
            int.Parse(Value("--seed") ?? "26", CultureInfo.InvariantCulture),
            Value("--database") ?? "threeyears",
            Value("--postgres") ?? "Host=127.0.0.1;Port=6440;Username=postgres;Password=postgres",
            Value("--keys") ?? Path.Combine(data, "threeyears-keys.json"),
            Value("--dump"),
            long.Parse(Value("--max-lag") ?? "5000", CultureInfo.InvariantCulture));
    }
}
