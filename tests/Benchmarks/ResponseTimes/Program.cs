// ResponseTimes — the operations view's response-time report (issue 22) timed before and after its
// per-day histograms, in one run on one database, at the density of a million inquiries in three
// years (about 900 a day):
//
//   dotnet run -c Release --project tests/Benchmarks/ResponseTimes -- [--inquiries 365000] [--days 400]
//       [--requests 30] [--database response_times] [--postgres "<admin connection string>"]
//
// The first run makes the database (Inquiry's migrations, Marten's response-time table) and fills
// `inquiry.mt_doc_response_time` with synthetic documents in one INSERT … SELECT: submissions spread
// over the last --days days, priorities 64% normal, 18% high, 9% low, 9% urgent, 12 agents and
// nobody (closed without a reply), business minutes log-normal (first response around 90, resolution
// around 900, 40% with one or two next responses around 150), each document carrying an SLA track of
// four targets (about 1 KB, as the projection writes it). Then the histograms are filled the way a
// deployment fills them (ResponseTimeHistograms.AttachAsync: the recount, then the trigger; a no-op
// when the trigger is there), timed, and VACUUM ANALYZE. A later run reuses the data (to recount:
// DROP TRIGGER response_time_histograms_rows ON inquiry.mt_doc_response_time).
//
// Measured, interleaved so the machine's stalls fall on both alike (warm-up 3 each, then --requests
// rounds): "before", the two statements the report ran until the histograms (percentile_cont over the
// documents of the period, from commit 218b459), every row read as the handler read it; "after",
// ReportResponseTimes.ReadAsync (the histogram rows of the period, merged and interpolated in C#),
// for the default period (the last 8 weeks) and a year (371 days). Before timing, both answers are
// compared: the counts and targets met must be equal, and the largest difference of a median or p90
// is printed with its bound.
//
// --after-only: the report after alone, and its rows read without merging. --layouts: the rows a
// period reads in each layout the histograms had (week rows per priority × agent with a bucket array
// and a count array; split into week rows per priority and per agent; split and packed into one
// bigint array, the table as it is), their rows and array elements, read alone, interleaved.
using System.Diagnostics;
using System.Globalization;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SupportPlatform.Inquiry;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Inquiries.Reporting;
using SupportPlatform.ServiceDefaults.Reporting;

string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var inquiries = int.Parse(Option("--inquiries", "365000"), CultureInfo.InvariantCulture);
var days = int.Parse(Option("--days", "400"), CultureInfo.InvariantCulture);
var requests = int.Parse(Option("--requests", "30"), CultureInfo.InvariantCulture);
var admin = new NpgsqlConnectionStringBuilder(Option("--postgres", "Host=127.0.0.1;Port=6441;Username=postgres;Password=postgres"));
var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = Option("--database", "response_times"), CommandTimeout = 1800 };

await using (var server = NpgsqlDataSource.Create(admin.ConnectionString))
{
    await using var exists = server.CreateCommand("SELECT EXISTS (SELECT FROM pg_database WHERE datname = @name)");
    exists.Parameters.AddWithValue("name", target.Database!);
    if (!(bool)(await exists.ExecuteScalarAsync())!)
    {
        await using var create = server.CreateCommand($"CREATE DATABASE \"{target.Database}\"");
        await create.ExecuteNonQueryAsync();
    }
}

await using var dataSource = NpgsqlDataSource.Create(target.ConnectionString);
await InquirySchema.MigrateAsync(dataSource, NullLogger.Instance);
await using var store = new DocumentStore(InquiryStore.Configure(new StoreOptions(), dataSource));
await store.Storage.Database.EnsureStorageExistsAsync(typeof(ResponseTime));
if (await ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_doc_response_time") == 0)
{
    var clock = Stopwatch.StartNew();
    await ExecuteAsync("DROP TRIGGER IF EXISTS response_time_histograms_rows ON inquiry.mt_doc_response_time", null);
    await ExecuteAsync(Synthetic.Documents, new() { ["inquiries"] = inquiries, ["days"] = days });
    Console.WriteLine($"{inquiries:N0} documents over {days} days written in {clock.Elapsed.TotalSeconds:N0} s");
    await ExecuteAsync("VACUUM ANALYZE inquiry.mt_doc_response_time", null);
}

// The histograms filled as a deployment fills them (a no-op when the trigger is there already).
var attaching = Stopwatch.StartNew();
await ResponseTimeHistograms.AttachAsync(store, dataSource, CancellationToken.None);
Console.WriteLine($"histograms filled (or found attached) in {attaching.Elapsed.TotalSeconds:N1} s");
await ExecuteAsync("VACUUM ANALYZE inquiry.response_time_histograms", null);

Console.WriteLine(await ScalarAsync<string>(
    """
    SELECT format('%s documents (%s), %s histogram rows (%s), %s to %s',
        (SELECT count(*) FROM inquiry.mt_doc_response_time), pg_size_pretty(pg_total_relation_size('inquiry.mt_doc_response_time')),
        (SELECT count(*) FROM inquiry.response_time_histograms), pg_size_pretty(pg_total_relation_size('inquiry.response_time_histograms')),
        (SELECT min(first_responded_at)::date FROM inquiry.mt_doc_response_time), (SELECT max(first_responded_at)::date FROM inquiry.mt_doc_response_time))
    """));

var now = DateTimeOffset.UtcNow;
var today = DateOnly.FromDateTime(now.ToOffset(ReportPeriod.KoreanOffset).DateTime);
(string Name, ReportPeriod Period)[] periods = [("8 weeks", ReportPeriod.Default(now)), ("371 days", new ReportPeriod(today.AddDays(1 - ReportPeriod.MaxDays), today))];
foreach (var (name, period) in periods)
{
    var before = await BeforeAsync(period);
    var after = await ReportResponseTimes.ReadAsync(dataSource, period, CancellationToken.None);
    Compare(name, period, before, after);
}

if (args.Contains("--layouts"))
{
    // What each layout of the histograms reads for a period, its rows alone (no merge), timed
    // interleaved: the week rows per priority × agent with a bucket array and a count array (as
    // first built), the same split into week rows per priority and per agent, and those with the
    // buckets and counts packed into one bigint array (the table as it is).
    await ExecuteAsync("DROP TABLE IF EXISTS bench_by_priority_and_agent, bench_split_unpacked", null);
    await ExecuteAsync(Layouts.ByPriorityAndAgent, null);
    await ExecuteAsync(Layouts.SplitUnpacked, null);
    await ExecuteAsync("VACUUM ANALYZE bench_by_priority_and_agent", null);
    await ExecuteAsync("VACUUM ANALYZE bench_split_unpacked", null);
    foreach (var (name, period) in periods)
    {
        var (firstWeek, lastWeek) = ResponseTimeHistograms.WholeWeeks(period);
        var layouts = new (string Layout, string Sql, bool Packed)[]
        {
            ("priority × agent, 2 int[]", Layouts.ReadByPriorityAndAgent, false),
            ("split, 2 int[]", Layouts.ReadSplitUnpacked, false),
            ("split, 1 bigint[]", ResponseTimeHistograms.Read(period).CommandText, true),
        };
        var readTimes = layouts.ToDictionary(l => l.Layout, _ => new List<double>());
        var shape = new Dictionary<string, (int Rows, long Elements)>();
        for (var round = -3; round < requests; round++)
        {
            foreach (var (layout, sql, packed) in layouts)
            {
                var (rows, elements) = (0, 0L);
                var clock = Stopwatch.StartNew();
                await using (var batch = dataSource.CreateBatch())
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(sql)
                    {
                        Parameters =
                        {
                            new NpgsqlParameter<DateOnly>("first", period.From),
                            new NpgsqlParameter<DateOnly>("last", period.To),
                            new NpgsqlParameter<DateOnly>("firstWeek", firstWeek),
                            new NpgsqlParameter<DateOnly>("lastWeek", lastWeek),
                        },
                    });
                    await using var reader = await batch.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        rows++;
                        elements += packed
                            ? reader.GetFieldValue<long[]>(8).Length
                            : reader.GetFieldValue<int[]>(8).Length + reader.GetFieldValue<int[]>(9).Length;
                    }
                }

                if (round >= 0)
                {
                    readTimes[layout].Add(clock.Elapsed.TotalMilliseconds);
                }

                shape[layout] = (rows, elements);
            }
        }

        foreach (var (layout, times) in readTimes)
        {
            times.Sort();
            Console.WriteLine(FormattableString.Invariant($"{name}, {layout,-26}: {shape[layout].Rows,6:N0} rows, {shape[layout].Elements,9:N0} array elements, read alone p50 {times[(times.Count - 1) / 2],6:N1} ms, p95 {times[(int)Math.Ceiling(0.95 * times.Count) - 1],6:N1} ms"));
        }
    }

    return;
}

if (args.Contains("--after-only"))
{
    // The report after, alone, and its rows read without merging: where its time goes.
    foreach (var (name, period) in periods)
    {
        var (whole, rowsOnly) = (new List<double>(), new List<double>());
        for (var round = -3; round < requests; round++)
        {
            var clock = Stopwatch.StartNew();
            await ReportResponseTimes.ReadAsync(dataSource, period, CancellationToken.None);
            var wholeMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await using (var batch = dataSource.CreateBatch())
            {
                batch.BatchCommands.Add(ResponseTimeHistograms.Read(period));
                await using var reader = await batch.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    _ = (reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2), reader.GetValue(3), reader.GetValue(4), reader.GetValue(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetFieldValue<long[]>(8));
                }
            }

            if (round >= 0)
            {
                (whole, rowsOnly) = ([.. whole, wholeMs], [.. rowsOnly, clock.Elapsed.TotalMilliseconds]);
            }
        }

        whole.Sort();
        rowsOnly.Sort();
        Console.WriteLine(FormattableString.Invariant($"{name}: after p50 {whole[(whole.Count - 1) / 2]:N1} ms, its rows read alone p50 {rowsOnly[(rowsOnly.Count - 1) / 2]:N1} ms"));
    }

    return;
}

var timings = periods.SelectMany(p => new[] { $"{p.Name} before", $"{p.Name} after" }).ToDictionary(n => n, _ => new List<double>());
for (var round = -3; round < requests; round++)
{
    foreach (var (name, period) in periods)
    {
        var clock = Stopwatch.StartNew();
        await BeforeAsync(period);
        var beforeMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        await ReportResponseTimes.ReadAsync(dataSource, period, CancellationToken.None);
        var afterMs = clock.Elapsed.TotalMilliseconds;
        if (round >= 0)
        {
            timings[$"{name} before"].Add(beforeMs);
            timings[$"{name} after"].Add(afterMs);
        }
    }
}

foreach (var (name, times) in timings)
{
    times.Sort();
    Console.WriteLine(FormattableString.Invariant($"{name,-18} p50 {times[(times.Count - 1) / 2],8:N1} ms   p95 {times[(int)Math.Ceiling(0.95 * times.Count) - 1],8:N1} ms   ({times.Count})"));
}

foreach (var (name, period) in periods)
{
    var read = 0;
    await using (var batch = dataSource.CreateBatch())
    {
        batch.BatchCommands.Add(ResponseTimeHistograms.Read(period));
        await using var reader = await batch.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            read++;
        }
    }

    Console.WriteLine(await ScalarAsync<string>(
        "SELECT format('%s: %s histogram rows read, %s documents with a first response or resolution in the period', @name, @read, (SELECT count(*) FROM inquiry.mt_doc_response_time WHERE (first_responded_at >= @start AND first_responded_at < @end) OR (resolved_at >= @start AND resolved_at < @end)))",
        new() { ["name"] = name, ["read"] = read, ["start"] = period.Start, ["end"] = period.End }));
}

// The report as it was: both statements, every value read.
async Task<List<object[]>> BeforeAsync(ReportPeriod period)
{
    await using var batch = dataSource.CreateBatch();
    batch.BatchCommands.Add(new NpgsqlBatchCommand(OldReport.PerWeekSql));
    batch.BatchCommands.Add(new NpgsqlBatchCommand(OldReport.PerAgentSql));
    foreach (NpgsqlBatchCommand command in batch.BatchCommands)
    {
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("start", period.Start));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("end", period.End));
    }

    var rows = new List<object[]>();
    await using var reader = await batch.ExecuteReaderAsync();
    do
    {
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
    }
    while (await reader.NextResultAsync());
    return rows;
}

// Counts and targets met equal; medians and p90s compared with their bound (a 32nd of the value and the rounding).
void Compare(string name, ReportPeriod period, List<object[]> before, ResponseTimeReport after)
{
    var exact = before.Select(r => Enumerable.Range(0, 3).Select(k => (Count: (long)r[2 + (4 * k)], Median: r[3 + (4 * k)] as double?, P90: r[4 + (4 * k)] as double?, Met: (long)r[5 + (4 * k)])).ToArray()).ToList();
    var estimated = after.Rows.Select(r => new[] { r.FirstResponse, r.Resolution, r.NextResponse })
        .Concat(after.Agents.Select(a => new[] { a.FirstResponse, a.Resolution, a.NextResponse }))
        .Select(f => f.Select(x => (x.Count, Median: x.MedianMinutes, P90: x.P90Minutes, x.Met)).ToArray()).ToList();
    if (exact.Count != estimated.Count)
    {
        throw new InvalidOperationException($"{name}: {exact.Count} rows before, {estimated.Count} after");
    }

    var (worst, beyond) = (0.0, 0);
    foreach (var (was, now) in exact.Zip(estimated))
    {
        foreach (var (w, n) in was.Zip(now))
        {
            if (w.Count != n.Count || w.Met != n.Met || w.Median is null != n.Median is null)
            {
                throw new InvalidOperationException($"{name}: counts differ ({w} before, {n} after)");
            }

            foreach (var (x, y) in new[] { (w.Median, n.Median), (w.P90, n.P90) }.Where(p => p.Item1 is not null))
            {
                var off = Math.Abs(x!.Value - y!.Value);
                worst = Math.Max(worst, off / Math.Max(x.Value, 1));
                beyond += off > (x.Value * BusinessMinuteBuckets.RelativeBound) + 0.05 ? 1 : 0;
            }
        }
    }

    Console.WriteLine(FormattableString.Invariant($"{name} ({period.From} to {period.To}): {after.Rows.Count} week × priority rows and {after.Agents.Count} agents, counts and met equal; medians and p90s at most {worst:P2} off, {beyond} beyond the bound"));
}

async Task<T> ScalarAsync<T>(string sql, Dictionary<string, object>? parameters = null)
{
    await using var command = dataSource.CreateCommand(sql);
    foreach (var (key, value) in parameters ?? [])
    {
        command.Parameters.AddWithValue(key, value);
    }

    return (T)(await command.ExecuteScalarAsync())!;
}

async Task ExecuteAsync(string sql, Dictionary<string, object>? parameters)
{
    await using var command = dataSource.CreateCommand(sql);
    foreach (var (key, value) in parameters ?? [])
    {
        command.Parameters.AddWithValue(key, value);
    }

    await command.ExecuteNonQueryAsync();
}

/// <summary>
/// The histograms' earlier layouts, for --layouts: week rows per priority × agent with a bucket
/// array and a count array (commit 2baeeb1), and the week rows split per priority and per agent
/// but unpacked, each read as the report read it (week rows of the whole weeks, day rows around them).
/// </summary>
internal static class Layouts
{
    public const string ByPriorityAndAgent = """
        CREATE TABLE bench_by_priority_and_agent AS
        SELECT span, day, kind, priority, agent_id, agent_name, sum(responses)::bigint AS responses, sum(met)::bigint AS met,
               coalesce(array_agg(bucket ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), ARRAY[]::integer[]) AS buckets,
               coalesce(array_agg(responses::integer ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), ARRAY[]::integer[]) AS counts
        FROM (
            SELECT s.span, s.day, c.kind, c.priority, c.agent_id, c.agent_name, inquiry.business_minute_bucket(c.minutes) AS bucket,
                   count(*) AS responses, count(*) FILTER (WHERE c.met) AS met
            FROM inquiry.mt_doc_response_time t,
                 inquiry.response_time_contributions(t.first_responded_at, t.resolved_at, t.data) c,
                 LATERAL (VALUES ('day', c.day), ('week', c.day - (extract(isodow FROM c.day)::integer - 1))) s(span, day)
            GROUP BY 1, 2, 3, 4, 5, 6, 7
        ) counted
        GROUP BY 1, 2, 3, 4, 5, 6;
        ALTER TABLE bench_by_priority_and_agent ADD UNIQUE NULLS NOT DISTINCT (span, day, kind, priority, agent_id, agent_name);
        """;

    public const string ReadByPriorityAndAgent = """
        SELECT span, day, kind, priority, agent_id, agent_name, responses, met, buckets, counts
        FROM bench_by_priority_and_agent
        WHERE responses <> 0
          AND ((span = 'week' AND day >= @firstWeek AND day <= @lastWeek)
               OR (span = 'day' AND day >= @first AND day <= @last AND NOT (day >= @firstWeek AND day <= @lastWeek + 6)))
        """;

    public const string SplitUnpacked = """
        CREATE TABLE bench_split_unpacked AS
        SELECT span, day, kind, priority, agent_id, agent_name, responses, met,
               ARRAY(SELECT (e >> 32)::integer FROM unnest(bucket_counts) e) AS buckets,
               ARRAY(SELECT (e & 4294967295)::integer FROM unnest(bucket_counts) e) AS counts
        FROM inquiry.response_time_histograms;
        ALTER TABLE bench_split_unpacked ADD UNIQUE NULLS NOT DISTINCT (span, day, kind, priority, agent_id, agent_name);
        """;

    public const string ReadSplitUnpacked = """
        SELECT span, day, kind, priority, agent_id, agent_name, responses, met, buckets, counts
        FROM bench_split_unpacked
        WHERE responses <> 0
          AND ((span IN ('week_priority', 'week_agent') AND day >= @firstWeek AND day <= @lastWeek)
               OR (span = 'day' AND day >= @first AND day <= @last AND NOT (day >= @firstWeek AND day <= @lastWeek + 6)))
        """;
}

/// <summary>The report's statements until the histograms (commit 218b459), kept as the baseline.</summary>
internal static class OldReport
{
    /// <summary>The key of "nobody" in a FULL JOIN on agents (an equality cannot match nulls).</summary>
    private const string Nobody = "00000000-0000-0000-0000-000000000000";

    /// <summary>
    /// The next responses completed in the period, one row each: the inquiries with one are found by
    /// the index on their latest (<c>last_next_responded_at</c>), then their list is unnested.
    /// </summary>
    private const string NextResponsesSql = $"""
        SELECT (e ->> 'completedAt')::timestamptz AS completed_at, t.data ->> 'priority' AS priority,
               (e ->> 'minutes')::int AS minutes, (e ->> 'met')::boolean AS met,
               (e ->> 'agentId')::uuid AS agent, e ->> 'agentName' AS name
        FROM inquiry.mt_doc_response_time t, jsonb_array_elements(t.data -> 'nextResponses') e
        WHERE t.last_next_responded_at >= @start
          AND (e ->> 'completedAt')::timestamptz >= @start AND (e ->> 'completedAt')::timestamptz < @end
        """;

    /// <summary>
    /// The inquiries whose first response or resolution was completed in the period, each reduced to
    /// the narrow values the figures need, together with the next responses (<see cref="NextResponsesSql"/>),
    /// both materialised first: the ordered aggregates (<c>percentile_cont</c>) sort their input, and
    /// sorting whole documents (the SLA track is most of each) spilled to disk at a year of inquiries.
    /// </summary>
    private const string MeasuredSql = $"""
        WITH measured AS MATERIALIZED (
            SELECT first_responded_at, resolved_at, data ->> 'priority' AS priority,
                   (data ->> 'firstResponseMinutes')::int AS first_minutes, (data ->> 'firstResponseMet')::boolean AS first_met,
                   (data ->> 'resolutionMinutes')::int AS resolution_minutes, (data ->> 'resolutionMet')::boolean AS resolution_met,
                   (data ->> 'firstResponderId')::uuid AS first_agent, data ->> 'firstResponderName' AS first_name,
                   (data ->> 'lastResponderId')::uuid AS last_agent, data ->> 'lastResponderName' AS last_name
            FROM inquiry.mt_doc_response_time
            WHERE (first_responded_at >= @start AND first_responded_at < @end) OR (resolved_at >= @start AND resolved_at < @end)
        ), answered_again AS MATERIALIZED ({NextResponsesSql})
        """;

    /// <summary>A group's count, median and p90 of <paramref name="minutes"/>, and how many met their target.</summary>
    private static string FiguresSql(string minutes, string met) =>
        $"count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY {minutes}) AS median, "
        + $"percentile_cont(0.9) WITHIN GROUP (ORDER BY {minutes}) AS p90, count(*) FILTER (WHERE {met}) AS met";

    /// <summary>One pass per kind, each on its own completion-time column; joined per week and priority.</summary>
    public static readonly string PerWeekSql = $"""
        {MeasuredSql}, first AS (
            SELECT date_trunc('week', first_responded_at AT TIME ZONE 'Asia/Seoul')::date AS monday, priority,
                   {FiguresSql("first_minutes", "first_met")}
            FROM measured WHERE first_responded_at >= @start AND first_responded_at < @end GROUP BY 1, 2
        ), resolved AS (
            SELECT date_trunc('week', resolved_at AT TIME ZONE 'Asia/Seoul')::date AS monday, priority,
                   {FiguresSql("resolution_minutes", "resolution_met")}
            FROM measured WHERE resolved_at >= @start AND resolved_at < @end GROUP BY 1, 2
        ), next AS (
            SELECT date_trunc('week', n.completed_at AT TIME ZONE 'Asia/Seoul')::date AS monday, n.priority,
                   {FiguresSql("n.minutes", "n.met")}
            FROM answered_again n GROUP BY 1, 2
        )
        SELECT coalesce(f.monday, r.monday, x.monday), coalesce(f.priority, r.priority, x.priority),
               coalesce(f.n, 0), f.median, f.p90, coalesce(f.met, 0),
               coalesce(r.n, 0), r.median, r.p90, coalesce(r.met, 0),
               coalesce(x.n, 0), x.median, x.p90, coalesce(x.met, 0)
        FROM first f FULL JOIN resolved r ON r.monday = f.monday AND r.priority = f.priority
            FULL JOIN next x ON x.monday = coalesce(f.monday, r.monday) AND x.priority = coalesce(f.priority, r.priority)
        ORDER BY 1, 2
        """;

    /// <summary>
    /// The same figures for the whole period per agent: first responses by the agent whose reply
    /// made them, resolutions by the agent who answered last. Joined on the id, "nobody" (closed
    /// before any reply) being a key of its own; a FULL JOIN needs an equality, hence the coalesce.
    /// </summary>
    public static readonly string PerAgentSql = $"""
        {MeasuredSql}, first AS (
            SELECT first_agent AS agent, max(first_name) AS name,
                   {FiguresSql("first_minutes", "first_met")}
            FROM measured WHERE first_responded_at >= @start AND first_responded_at < @end GROUP BY 1
        ), resolved AS (
            SELECT last_agent AS agent, max(last_name) AS name,
                   {FiguresSql("resolution_minutes", "resolution_met")}
            FROM measured WHERE resolved_at >= @start AND resolved_at < @end GROUP BY 1
        ), next AS (
            SELECT n.agent, max(n.name) AS name,
                   {FiguresSql("n.minutes", "n.met")}
            FROM answered_again n GROUP BY 1
        )
        SELECT coalesce(f.agent, r.agent, x.agent), coalesce(f.name, r.name, x.name),
               coalesce(f.n, 0), f.median, f.p90, coalesce(f.met, 0),
               coalesce(r.n, 0), r.median, r.p90, coalesce(r.met, 0),
               coalesce(x.n, 0), x.median, x.p90, coalesce(x.met, 0)
        FROM first f FULL JOIN resolved r ON coalesce(r.agent, '{Nobody}') = coalesce(f.agent, '{Nobody}')
            FULL JOIN next x ON coalesce(x.agent, '{Nobody}') = coalesce(f.agent, r.agent, '{Nobody}')
        ORDER BY 2 NULLS LAST, 1
        """;
}

internal static class Synthetic
{
    /// <summary>The documents, as ResponseTimeProjection writes them (camelCase, its SLA track included).</summary>
    public const string Documents = """
        WITH drawn AS (
            SELECT gen_random_uuid() AS id,
                   now() - random() * @days * interval '1 day' AS submitted,
                   (ARRAY['normal','normal','normal','normal','normal','normal','normal','high','high','low','urgent'])[1 + floor(random() * 11)::int] AS priority,
                   floor(random() * 13)::int AS first_agent, floor(random() * 13)::int AS last_agent, floor(random() * 13)::int AS next_agent,
                   greatest(0, exp(ln(90) + 1.1 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::int AS first_minutes,
                   greatest(0, exp(ln(900) + 1.0 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::int AS resolution_minutes,
                   greatest(0, exp(ln(150) + 1.0 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::int AS next_minutes,
                   random() AS roll
            FROM generate_series(1, @inquiries)
        ), timed AS (
            SELECT d.*, submitted + first_minutes * interval '2 minutes' AS first_at,
                   CASE WHEN roll < 0.92 THEN submitted + (first_minutes + resolution_minutes) * interval '2 minutes' END AS resolved_at,
                   CASE WHEN roll < 0.4 THEN submitted + (first_minutes + next_minutes) * interval '2 minutes' + interval '1 hour' END AS next_at,
                   CASE priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 ELSE 480 END AS target,
                   (ARRAY['김민준','이서연','박지훈','최수아','정도윤','강하은','조현우','윤지민','장예준','임채원','한승민','오유진'])[first_agent + 1] AS first_name,
                   (ARRAY['김민준','이서연','박지훈','최수아','정도윤','강하은','조현우','윤지민','장예준','임채원','한승민','오유진'])[last_agent + 1] AS last_name,
                   (ARRAY['김민준','이서연','박지훈','최수아','정도윤','강하은','조현우','윤지민','장예준','임채원','한승민','오유진'])[next_agent + 1] AS next_name
            FROM drawn d
        )
        INSERT INTO inquiry.mt_doc_response_time (id, data, mt_dotnet_type, mt_version, first_responded_at, resolved_at, last_next_responded_at)
        SELECT id, jsonb_strip_nulls(jsonb_build_object(
                   'id', id, 'priority', priority,
                   'track', jsonb_build_object('priority', initcap(priority), 'rulesVersion', 3, 'targets', (
                       SELECT jsonb_agg(jsonb_build_object('kind', k, 'startedAt', submitted, 'length', '08:00:00', 'used', '01:30:00',
                                                           'completedAt', first_at, 'pausedAt', submitted, 'paused', '00:00:00', 'dueAt', submitted + interval '8 hours', 'warnedAt', submitted + interval '6 hours', 'wasMet', true))
                       FROM unnest(ARRAY['FirstResponse', 'Resolution', 'NextResponse', 'Resolution']) k)),
                   'firstRespondedAt', first_at, 'firstResponseMinutes', first_minutes, 'firstResponseMet', first_minutes <= target,
                   'resolvedAt', resolved_at,
                   'resolutionMinutes', CASE WHEN resolved_at IS NOT NULL THEN resolution_minutes END,
                   'resolutionMet', CASE WHEN resolved_at IS NOT NULL THEN resolution_minutes <= target * 5 END,
                   'firstResponderId', CASE WHEN first_agent < 12 THEN format('00000000-0000-4000-8000-%s', lpad((first_agent + 1)::text, 12, '0')) END,
                   'firstResponderName', first_name,
                   'lastResponderId', CASE WHEN last_agent < 12 THEN format('00000000-0000-4000-8000-%s', lpad((last_agent + 1)::text, 12, '0')) END,
                   'lastResponderName', last_name,
                   'nextResponses', CASE WHEN next_at IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
                       'startedAt', first_at, 'completedAt', next_at, 'minutes', next_minutes, 'met', next_minutes <= target,
                       'agentId', CASE WHEN next_agent < 12 THEN format('00000000-0000-4000-8000-%s', lpad((next_agent + 1)::text, 12, '0')) END,
                       'agentName', next_name))) END,
                   'lastNextRespondedAt', next_at)),
               'SupportPlatform.Inquiry.Inquiries.Reporting.ResponseTime', 1, first_at, resolved_at, next_at
        FROM timed
        """;
}
