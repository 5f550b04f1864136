// Appends/s of 1-event appends to new streams with 16 concurrent writers: pgbench running a
// single-row INSERT script at 16 clients, Marten's StartStream + SaveChangesAsync (Quick append,
// System.Text.Json, lightweight sessions), and the two statements Marten sends for it issued by
// hand with Npgsql (to tell the SQL and its round trips apart from Marten's client-side work),
// alternated in one run so machine noise hits every side alike. (Until the Marten move this also
// ran the home-made EventStore.AppendAsync; its figures are in docs/benchmarks.md.) Usage:
//   dotnet run -c Release --project tests/Benchmarks/EventAppend -- [--seconds 10] [--rounds 3] [--append-mode Quick|Rich] [--postgres "<admin connection string>"]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Benchmarks;

var options = Args.Parse(args);
var database = $"bench_events_{DateTime.UtcNow:yyyyMMddHHmmss}";
var admin = new NpgsqlConnectionStringBuilder(options.Postgres);
await Sql.ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE {database}");
var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database, MaxPoolSize = 32, MaxAutoPrepare = 16, AutoPrepareMinUsages = 2 };
try
{
    await using var dataSource = NpgsqlDataSource.Create(target.ConnectionString);
    var json = new JsonSerializerOptions();
    ServiceDefaultsExtensions.ConfigureJson(json);
    using var marten = DocumentStore.For(opts =>
    {
        opts.Connection(dataSource);
        opts.DatabaseSchemaName = "bench_marten";
        opts.Events.AppendMode = options.AppendMode;
        opts.UseSystemTextJsonForSerialization(json);
        opts.AutoCreateSchemaObjects = AutoCreate.All;
        opts.Events.AddEventType<BenchmarkEventAppended>();
    });
    await marten.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    await Sql.ExecuteAsync(target.ConnectionString, "CREATE TABLE bench_rows (id bigserial PRIMARY KEY, stream_id uuid NOT NULL, data jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
    var script = Path.Combine(Path.GetTempPath(), $"{database}.sql");
    await File.WriteAllTextAsync(script, "INSERT INTO bench_rows (stream_id, data) VALUES (gen_random_uuid(), '{\"text\":\"메일 발송이 차단됩니다\",\"writer\":1}');\n");

    Console.WriteLine($"server: {admin.Host}:{admin.Port}, clients: {options.Clients}, {options.Rounds} rounds of {options.Seconds} s each side");
    var pgbenchRates = new List<double>();
    var martenRates = new List<double>();
    var martenP50 = new List<double>();
    var martenP99 = new List<double>();
    var rawRates = new List<double>();
    await RunMartenAppendsAsync(marten, options.Clients, TimeSpan.FromSeconds(2)); // warm-up: JIT, pool, plans
    await RunMartenStatementsAsync(dataSource, options.Clients, TimeSpan.FromSeconds(2));
    for (var round = 1; round <= options.Rounds; round++)
    {
        var pgbench = await Pgbench.RunAsync(target, script, options.Clients, options.Seconds);
        var martenAppends = await RunMartenAppendsAsync(marten, options.Clients, TimeSpan.FromSeconds(options.Seconds));
        var rawAppends = await RunMartenStatementsAsync(dataSource, options.Clients, TimeSpan.FromSeconds(options.Seconds));
        rawRates.Add(rawAppends.Rate);
        martenRates.Add(martenAppends.Rate);
        martenP50.Add(martenAppends.P50);
        martenP99.Add(martenAppends.P99);
        pgbenchRates.Add(pgbench);
        Console.WriteLine(FormattableString.Invariant(
            $"round {round}: pgbench {pgbench:F0} inserts/s, Marten {martenAppends.Rate:F0} appends/s (p50 {martenAppends.P50:F2} ms, p99 {martenAppends.P99:F2} ms), ratio {martenAppends.Rate / pgbench:F2}; Marten's SQL by hand {rawAppends.Rate:F0}/s, ratio {rawAppends.Rate / pgbench:F2}"));
    }

    Console.WriteLine(FormattableString.Invariant($"median: pgbench {Stats.Median(pgbenchRates):F0} inserts/s"));
    Console.WriteLine(FormattableString.Invariant(
        $"median Marten ({options.AppendMode}): {Stats.Median(martenRates):F0} appends/s, p50 {Stats.Median(martenP50):F2} ms, p99 {Stats.Median(martenP99):F2} ms; ratio {Stats.Median(martenRates) / Stats.Median(pgbenchRates):F2}"));
    Console.WriteLine(FormattableString.Invariant(
        $"median Marten's two statements by hand (BEGIN; stream insert; event insert; COMMIT): {Stats.Median(rawRates):F0}/s; ratio {Stats.Median(rawRates) / Stats.Median(pgbenchRates):F2}"));
    File.Delete(script);
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Sql.ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

static async Task<(double Rate, double P50, double P99)> RunMartenAppendsAsync(IDocumentStore store, int clients, TimeSpan duration)
{
    var latencies = new List<double>[clients];
    var stopwatch = Stopwatch.StartNew();
    var writers = Enumerable.Range(0, clients).Select(writer => Task.Run(async () =>
    {
        var mine = latencies[writer] = new List<double>(100_000);
        while (stopwatch.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            var streamId = Guid.CreateVersion7();
            await using var session = store.LightweightSession();
            session.Events.StartStream(streamId, new BenchmarkEventAppended(streamId, "메일 발송이 차단됩니다", writer));
            await session.SaveChangesAsync();
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    })).ToArray();
    await Task.WhenAll(writers);
    var elapsed = stopwatch.Elapsed.TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    return (all.Length / elapsed, Stats.Percentile(all, 0.50), Stats.Percentile(all, 0.99));
}

// What Marten sends for StartStream in Quick mode (seen with its console logger), issued by hand:
// the stream row and the event row in one batch inside BEGIN … COMMIT. Tells the cost of the SQL
// and the round trips apart from Marten's own client-side work.
static async Task<(double Rate, double P50, double P99)> RunMartenStatementsAsync(NpgsqlDataSource dataSource, int clients, TimeSpan duration)
{
    var latencies = new List<double>[clients];
    var stopwatch = Stopwatch.StartNew();
    var writers = Enumerable.Range(0, clients).Select(writer => Task.Run(async () =>
    {
        var mine = latencies[writer] = new List<double>(100_000);
        while (stopwatch.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            var streamId = Guid.CreateVersion7();
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("insert into bench_marten.mt_streams (id, type, version, tenant_id) values ($1, $2, $3, $4)")
                    {
                        Parameters = { new() { Value = streamId }, new() { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar }, new() { Value = 1L }, new() { Value = "*DEFAULT*" } },
                    },
                    new NpgsqlBatchCommand("insert into bench_marten.mt_events (data, type, mt_dotnet_type, id, stream_id, version, timestamp, tenant_id, seq_id) values ($1, $2, $3, $4, $5, $6, $7, $8, nextval('bench_marten.mt_events_sequence')) returning seq_id")
                    {
                        Parameters =
                        {
                            new() { Value = JsonSerializer.Serialize(new BenchmarkEventAppended(streamId, "메일 발송이 차단됩니다", writer)), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb },
                            new() { Value = "benchmark_event_appended" }, new() { Value = "BenchmarkEventAppended, EventAppend" },
                            new() { Value = Guid.CreateVersion7() }, new() { Value = streamId }, new() { Value = 1L }, new() { Value = DateTimeOffset.UtcNow }, new() { Value = "*DEFAULT*" },
                        },
                    },
                },
            };
            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    })).ToArray();
    await Task.WhenAll(writers);
    var elapsed = stopwatch.Elapsed.TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    return (all.Length / elapsed, Stats.Percentile(all, 0.50), Stats.Percentile(all, 0.99));
}

internal sealed record BenchmarkEventAppended(Guid StreamId, string Text, int Writer);

internal sealed record Args(string Postgres, int Seconds, int Rounds, int Clients, EventAppendMode AppendMode)
{
    public static Args Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new Args(
            Value("--postgres", Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=6441;Username=postgres;Password=postgres"),
            int.Parse(Value("--seconds", "10"), CultureInfo.InvariantCulture),
            int.Parse(Value("--rounds", "3"), CultureInfo.InvariantCulture),
            int.Parse(Value("--clients", "16"), CultureInfo.InvariantCulture),
            Enum.Parse<EventAppendMode>(Value("--append-mode", nameof(EventAppendMode.Quick))));
    }
}
