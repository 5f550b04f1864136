// Sustained POST /api/inquiries at 16 concurrent clients against pgbench running a single-row INSERT
// script at 16 clients on the same PostgreSQL server, alternated in one run so machine noise hits
// both sides alike; then submissions paced at a fixed rate (--lag-rate, 500/s) while the time from
// each event's append to its publication on RabbitMQ is recorded (the publisher's own histogram),
// with the peak RSS of the process hosting the service; then a rebuild of each read model (Marten
// projections) from the log that the load wrote.
// Usage:
//   dotnet run -c Release --project tests/Benchmarks/InquiryLoad -- [--seconds 20] [--rounds 1] [--clients 16]
//       [--load wrk|dotnet] [--lag-rate 500] [--lag-seconds 20] [--postgres "<admin connection string>"]
//       (RabbitMQ: a throwaway vhost on SUPPORTPLATFORM_TEST_RABBITMQ) [--url http://host:port]
// Without --url the service is started in this process on Kestrel (Release build, production
// settings, its own fresh database on the given server); with --url an already running service is
// driven and pgbench still runs against --postgres.
extern alias InquiryApi;

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Marten;
using Npgsql;
using SupportPlatform.Inquiry;
using SupportPlatform.Benchmarks;

var options = Args.Parse(args);
var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
var database = $"bench_inquiry_{stamp}";
var admin = new NpgsqlConnectionStringBuilder(options.Postgres);
var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database };
await Sql.ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE {database}");
InquiryService? service = null;
// A broker namespace of its own, deleted afterwards: no queue left by another run takes (and slows) its messages.
var vhost = new SupportPlatform.Testing.RabbitMqVhost();
await vhost.InitializeAsync();
try
{
    await Sql.ExecuteAsync(target.ConnectionString, "CREATE TABLE bench_rows (id bigserial PRIMARY KEY, email_hash text NOT NULL, data jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
    var script = Path.Combine(Path.GetTempPath(), $"{database}.sql");
    await File.WriteAllTextAsync(script, "INSERT INTO bench_rows (email_hash, data) VALUES (md5(random()::text), '{\"summary\":\"랜섬웨어 관련\",\"company\":\"다우테크\"}');\n");

    Uri baseAddress;
    if (options.Url is { } url)
    {
        baseAddress = new Uri(url);
    }
    else
    {
        service = new InquiryService(target.ConnectionString, vhost.ConnectionString);
        baseAddress = service.Start();
    }

    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseAddress,
    };
    Console.WriteLine($"service: {baseAddress} ({(service is null ? "external" : "in-process Kestrel")}), server: {admin.Host}:{admin.Port}, clients: {options.Clients}, {options.Rounds} round(s) of {options.Seconds} s each side");

    // Load from wrk (C, its own process) when installed: a .NET load loop in this process would take
    // CPU from the service it measures. Warm-up long enough for tiered JIT and prepared statements.
    var useWrk = options.Load == "wrk" && Wrk.Path is not null;
    Func<TimeSpan, Task<(double Rate, double P50, double P99, int Failures)>> load = useWrk
        ? duration => Wrk.RunAsync(baseAddress, options.Clients, duration)
        : duration => Load.RunAsync(http, options.Clients, duration);
    Console.WriteLine($"load generator: {(useWrk ? "wrk" : ".NET HttpClient")}");
    await load(TimeSpan.FromSeconds(10));
    var pgbenchRates = new List<double>();
    var submitRates = new List<double>();
    var p50s = new List<double>();
    var p99s = new List<double>();
    for (var round = 1; round <= options.Rounds; round++)
    {
        var pgbench = await Pgbench.RunAsync(target, script, options.Clients, options.Seconds);
        var submissions = await load(TimeSpan.FromSeconds(options.Seconds));
        pgbenchRates.Add(pgbench);
        submitRates.Add(submissions.Rate);
        p50s.Add(submissions.P50);
        p99s.Add(submissions.P99);
        Console.WriteLine(FormattableString.Invariant(
            $"round {round}: pgbench {pgbench:F0} inserts/s, submissions {submissions.Rate:F0}/s (p50 {submissions.P50:F2} ms, p99 {submissions.P99:F2} ms, {submissions.Failures} failed), ratio {submissions.Rate / pgbench:F2}"));
    }

    Console.WriteLine(FormattableString.Invariant(
        $"median: pgbench {Stats.Median(pgbenchRates):F0} inserts/s, submissions {Stats.Median(submitRates):F0}/s, p50 {Stats.Median(p50s):F2} ms, p99 {Stats.Median(p99s):F2} ms; ratio {Stats.Median(submitRates) / Stats.Median(pgbenchRates):F2} (target >= 0.25, p99 <= 50 ms)"));
    File.Delete(script);
    if (service is not null)
    {
        // The service and this harness share the process (wrk runs outside it): an upper bound of the service's memory.
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant($"memory: peak RSS of the process hosting the service {self.PeakWorkingSet64 / 1024 / 1024} MB (target < 250 MB per service)"));
        await PublishLag.RunAsync(http, options.LagRate, TimeSpan.FromSeconds(options.LagSeconds));
    }

    if (service is not null)
    {
        await service.DisposeAsync();
        service = null;
        await using var dataSource = NpgsqlDataSource.Create(target.ConnectionString);
        var readModels = ProjectionRebuilds.ReadModels(InquiryStore.Configure(new StoreOptions(), dataSource));
        await ProjectionRebuilds.RunAsync(dataSource, $"{InquiryStore.Schema}.mt_events", () => InquiryStore.Configure(new StoreOptions(), dataSource), readModels, RebuildVariant.MartenOptions, rounds: 1);
    }
}
finally
{
    await vhost.DisposeAsync();
    if (service is not null)
    {
        await service.DisposeAsync();
    }

    NpgsqlConnection.ClearAllPools();
    await Sql.ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

/// <summary>The real service on Kestrel in this process, configured the way production is (fresh keys, no fake clock).</summary>
internal sealed class InquiryService(string postgres, string rabbitMq) : WebApplicationFactory<InquiryApi::Program>
{
    private readonly int port = FreePort();

    public Uri Start()
    {
        UseKestrel(port);
        StartServer();
        return new Uri($"http://127.0.0.1:{port}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:postgres", postgres);
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMq);
        builder.UseSetting("Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("PersonalData:MasterKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("PersonalData:LookupKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("RateLimiting:PublicPermitsPerMinute", int.MaxValue.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal static class Load
{
    public const string Details = """
        안녕하세요. TMSe 스팸서버를 사용 중인 고객사입니다.
        어제부터 **대량 메일 발송**이 차단되고 있습니다. 모니터링 로그에 `시간당 접속 횟수 제한`과 `RBL` 차단 사유가 보입니다.

        - 발송 서버 IP: 203.0.113.25
        - 제품 버전: 7.2
        - 하루 발송량: 약 12만 건

        발송 IP 등록과 SuperWhite IP 정책 설정 방법을 알려 주세요.
        """;

    public static object Request(string email) => new
    {
        email,
        companyName = "다우테크놀로지 주식회사",
        phone = "02-3456-7890",
        summary = "대량 메일 발송 차단 문의",
        details = Details,
        consent = new { accepted = true, policyVersion = "2024-01" },
    };

    public static async Task<(double Rate, double P50, double P99, int Failures)> RunAsync(HttpClient http, int clients, TimeSpan duration)
    {
        var latencies = new List<double>[clients];
        var failures = 0;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = latencies[client] = new List<double>(100_000);
            var n = 0;
            while (stopwatch.Elapsed < duration)
            {
                var request = Request($"customer{client}.{n++}.{Guid.NewGuid():N}@example.co.kr");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/api/inquiries", request);
                await response.Content.LoadIntoBufferAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    mine.Add(elapsed);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all.Length / seconds, Stats.Percentile(all, 0.50), Stats.Percentile(all, 0.99), failures);
    }
}

/// <summary>wrk posting the same submission as <see cref="Load"/>, each with a fresh random email.</summary>
internal static class Wrk
{
    public static string? Path { get; } = new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(File.Exists);

    public static async Task<(double Rate, double P50, double P99, int Failures)> RunAsync(Uri baseAddress, int clients, TimeSpan duration)
    {
        var body = JsonSerializer.Serialize(new
        {
            email = "customer-%d@example.co.kr",
            companyName = "다우테크놀로지 주식회사",
            phone = "02-3456-7890",
            summary = "대량 메일 발송 차단 문의",
            details = Load.Details,
            consent = new { accepted = true, policyVersion = "2024-01" },
        });
        var script = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"inquiry-load-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, $$"""
            local template = [==[{{body}}]==]
            request = function()
              return wrk.format("POST", "/api/inquiries", { ["Content-Type"] = "application/json" }, string.format(template, math.random(1, 2000000000)))
            end
            """);
        try
        {
            var start = new ProcessStartInfo(Path!)
            {
                RedirectStandardOutput = true,
                ArgumentList = { "-t", "2", "-c", clients.ToString(CultureInfo.InvariantCulture), "-d", $"{(int)duration.TotalSeconds}s", "--latency", "-s", script, new Uri(baseAddress, "/api/inquiries").ToString() },
            };
            using var process = Process.Start(start)!;
            var lines = (await process.StandardOutput.ReadToEndAsync()).Split('\n').Select(l => l.Trim()).ToArray();
            await process.WaitForExitAsync();
            string After(string label) => lines.First(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim();
            double Millis(string label)
            {
                var text = After(label);
                var scale = text.EndsWith("us", StringComparison.Ordinal) ? 0.001 : text.EndsWith("ms", StringComparison.Ordinal) ? 1 : 1000;
                return double.Parse(text.TrimEnd('s', 'm', 'u'), CultureInfo.InvariantCulture) * scale;
            }

            var failures = lines.Any(l => l.StartsWith("Non-2xx", StringComparison.Ordinal)) ? int.Parse(After("Non-2xx or 3xx responses:"), CultureInfo.InvariantCulture) : 0;
            return (double.Parse(After("Requests/sec:"), CultureInfo.InvariantCulture), Millis("50%"), Millis("99%"), failures);
        }
        finally
        {
            File.Delete(script);
        }
    }
}

/// <summary>
/// Submissions at a fixed rate (not as fast as possible: lag is only meaningful below saturation),
/// while a listener collects the publisher's append → broker-confirmed lag of every event.
/// </summary>
internal static class PublishLag
{
    public static async Task RunAsync(HttpClient http, int rate, TimeSpan duration)
    {
        var lags = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SupportPlatform.Inquiry.Publishing" && instrument.Name == "inquiry.events.publish.lag")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (lags)
            {
                lags.Add(value);
            }
        });
        listener.Start();

        var sent = 0;
        var failed = 0;
        var inFlight = new List<Task>();
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration)
        {
            // Catch up to the schedule: one request per interval since the start.
            var due = (int)(stopwatch.Elapsed / interval);
            for (; sent < due; sent++)
            {
                var n = sent;
                inFlight.Add(Task.Run(async () =>
                {
                    using var response = await http.PostAsJsonAsync("/api/inquiries", Load.Request($"lag{n}.{Guid.NewGuid():N}@example.co.kr"));
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }));
            }

            await Task.Delay(5);
        }

        await Task.WhenAll(inFlight);
        var achieved = sent / stopwatch.Elapsed.TotalSeconds;
        // Two events per submission (consent + submission); only InquirySubmitted is published. Wait for the tail.
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(200))
        {
            lock (lags)
            {
                if (lags.Count >= sent - failed)
                {
                    break;
                }
            }
        }

        listener.Dispose();
        double[] sorted;
        lock (lags)
        {
            sorted = [.. lags.Order()];
        }

        using var self = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant(
            $"publish lag at {rate}/s for {duration.TotalSeconds:F0} s (achieved {achieved:F0}/s, {failed} failed): {sorted.Length} published, p50 {Stats.Percentile(sorted, 0.5):F0} ms, p95 {Stats.Percentile(sorted, 0.95):F0} ms, p99 {Stats.Percentile(sorted, 0.99):F0} ms (target p99 < 1,000 ms); peak RSS of the service's process {self.PeakWorkingSet64 / 1024 / 1024} MB (target < 250 MB)"));
    }
}

internal sealed record Args(string Postgres, string? Url, int Seconds, int Rounds, int Clients, string Load, int LagRate, int LagSeconds)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name, string? fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new Args(
            Value("--postgres", Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=6441;Username=postgres;Password=postgres")!,
            Value("--url", null),
            int.Parse(Value("--seconds", "20")!, CultureInfo.InvariantCulture),
            int.Parse(Value("--rounds", "1")!, CultureInfo.InvariantCulture),
            int.Parse(Value("--clients", "16")!, CultureInfo.InvariantCulture),
            Value("--load", "wrk")!,
            int.Parse(Value("--lag-rate", "500")!, CultureInfo.InvariantCulture),
            int.Parse(Value("--lag-seconds", "20")!, CultureInfo.InvariantCulture));
    }
}
