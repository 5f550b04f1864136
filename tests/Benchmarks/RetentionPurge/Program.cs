// Retention purge throughput: seed N inquiries through the service's own submission path (new data
// key, sealed personal data, key row + consent + submission events in one transaction; every tenth
// with a bound attachment), let the projection index them, move the service's clock past the
// retention period and time one retention pass (RetentionPass.RunAsync, batches of 500) that purges
// them all. In the same run, submission latency at a fixed number of concurrent submitters is
// measured alone (baseline) and while the pass runs, so the ratio shows what purging costs live
// traffic. Rounds alternate seed → baseline → purge-under-load; medians are reported.
// Usage:
//   dotnet run -c Release --project tests/Benchmarks/RetentionPurge -- [--inquiries 20000] [--rounds 3]
//       [--submitters 4] [--baseline-seconds 5] [--postgres "<admin connection string>"] (RabbitMQ: a throwaway vhost on SUPPORTPLATFORM_TEST_RABBITMQ)
extern alias InquiryApi;

using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using SupportPlatform.Inquiry.Attachments;
using SupportPlatform.Inquiry.Inquiries.Submitting;
using SupportPlatform.Inquiry.Retention;
using SupportPlatform.Benchmarks;

var options = Args.Parse(args);
var database = $"bench_purge_{DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
var admin = new NpgsqlConnectionStringBuilder(options.Postgres);
var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database };
await Sql.ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE {database}");
// A broker namespace of its own, deleted afterwards: no queue left by another run takes (and slows) its messages.
var vhost = new SupportPlatform.Testing.RabbitMqVhost();
await vhost.InitializeAsync();
try
{
    await using var service = new InquiryService(target.ConnectionString, vhost.ConnectionString);
    service.CreateClient().Dispose();
    var services = service.Services;
    var submissions = services.GetRequiredService<InquirySubmissions>();
    var attachments = services.GetRequiredService<AttachmentStore>();
    var pass = services.GetRequiredService<RetentionPass>();
    await using var dataSource = NpgsqlDataSource.Create(target.ConnectionString);
    Console.WriteLine($"server: {admin.Host}:{admin.Port}, {options.Inquiries} inquiries per round, {options.Rounds} round(s), {options.Submitters} concurrent submitters for the latency side");

    await Submitter.RunAsync(submissions, attachments, options.Submitters, TimeSpan.FromSeconds(2)); // warm-up: JIT, pools, prepared statements
    var rates = new List<double>();
    var baselineP99s = new List<double>();
    var duringP99s = new List<double>();
    for (var round = 1; round <= options.Rounds; round++)
    {
        var seeding = Stopwatch.StartNew();
        await Seed.RunAsync(submissions, attachments, options.Inquiries);
        await Projection.WaitCaughtUpAsync(dataSource);
        var seeded = seeding.Elapsed;

        var baseline = await Submitter.RunAsync(submissions, attachments, options.Submitters, TimeSpan.FromSeconds(options.BaselineSeconds));
        await Projection.WaitCaughtUpAsync(dataSource);

        // Everything submitted so far (the seed and the baseline's submissions) is now past its deadline.
        service.Clock.Advance(TimeSpan.FromDays((3 * 365) + 2));
        using var stopLoad = new CancellationTokenSource();
        var load = Submitter.RunUntilAsync(submissions, attachments, options.Submitters, stopLoad.Token);
        var purging = Stopwatch.StartNew();
        var summary = await pass.RunAsync(dryRun: false, CancellationToken.None) ?? throw new InvalidOperationException("Another retention pass holds the lock.");
        var seconds = purging.Elapsed.TotalSeconds;
        await stopLoad.CancelAsync();
        var during = await load;

        var rate = summary.Purged / seconds;
        rates.Add(rate);
        baselineP99s.Add(baseline.P99);
        duringP99s.Add(during.P99);
        Console.WriteLine(FormattableString.Invariant(
            $"round {round}: seeded {options.Inquiries} in {seeded.TotalSeconds:F1} s; purged {summary.Purged} of {summary.Due} due ({summary.EventsDeleted} events, {summary.AttachmentsDeleted} attachments) in {seconds:F2} s = {rate:F0} purges/s; submissions alone p50 {baseline.P50:F2} ms p99 {baseline.P99:F2} ms ({baseline.Rate:F0}/s), during the purge p50 {during.P50:F2} ms p99 {during.P99:F2} ms ({during.Rate:F0}/s, {during.Count} requests); p99 ratio {during.P99 / baseline.P99:F2}; left in place: {summary.NotPurged}"));
    }

    Console.WriteLine(FormattableString.Invariant(
        $"median: {Stats.Median(rates):F0} purges/s (target >= 2,000: ratio {Stats.Median(rates) / 2000:F2}); submission p99 alone {Stats.Median(baselineP99s):F2} ms, during purge {Stats.Median(duringP99s):F2} ms (ratio {Stats.Median(duringP99s) / Stats.Median(baselineP99s):F2}, target <= 2)"));
}
finally
{
    await vhost.DisposeAsync();
    NpgsqlConnection.ClearAllPools();
    await Sql.ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

/// <summary>The real service in this process (production settings, fresh keys) with a clock the benchmark can move forward.</summary>
internal sealed class InquiryService(string postgres, string rabbitMq) : WebApplicationFactory<InquiryApi::Program>
{
    public ShiftedClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:postgres", postgres);
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMq);
        builder.UseSetting("Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("PersonalData:MasterKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("PersonalData:LookupKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

/// <summary>Real time plus an offset that only moves forward, so timers and timestamps stay sane.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}

internal static class Seed
{
    public static async Task RunAsync(InquirySubmissions submissions, AttachmentStore attachments, int count)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                await Submitter.SubmitOneAsync(submissions, attachments, withAttachment: n % 10 == 0);
            }
        })));
    }
}

internal static class Submitter
{
    private const string Details = """
        안녕하세요. TMSe 스팸서버를 사용 중인 고객사입니다.
        어제부터 **대량 메일 발송**이 차단되고 있습니다. 모니터링 로그에 `시간당 접속 횟수 제한`과 `RBL` 차단 사유가 보입니다.
        """;

    public static async Task SubmitOneAsync(InquirySubmissions submissions, AttachmentStore attachments, bool withAttachment)
    {
        IReadOnlyList<Guid> attachmentIds = withAttachment
            ? [await attachments.UploadAsync("차단로그.txt", FileTypes.Text, "blocked by RBL"u8.ToArray(), CancellationToken.None)]
            : [];
        var submission = new ValidSubmission(
            $"customer.{Guid.NewGuid():N}@example.co.kr", "다우테크놀로지 주식회사", "02-3456-7890", "대량 메일 발송 차단 문의", Details, "2024-01", attachmentIds, "ko", null);
        _ = await submissions.SubmitAsync(submission, CancellationToken.None) ?? throw new InvalidOperationException("A seeded submission was refused.");
    }

    public static async Task<Latencies> RunAsync(InquirySubmissions submissions, AttachmentStore attachments, int clients, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        return await RunUntilAsync(submissions, attachments, clients, stop.Token);
    }

    public static async Task<Latencies> RunUntilAsync(InquirySubmissions submissions, AttachmentStore attachments, int clients, CancellationToken stop)
    {
        var stopwatch = Stopwatch.StartNew();
        var all = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                await SubmitOneAsync(submissions, attachments, withAttachment: false);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return mine;
        })));
        var sorted = all.SelectMany(l => l).Order().ToArray();
        return new Latencies(sorted.Length, sorted.Length / stopwatch.Elapsed.TotalSeconds, Stats.Percentile(sorted, 0.5), Stats.Percentile(sorted, 0.99));
    }
}

internal sealed record Latencies(int Count, double Rate, double P50, double P99);

internal static class Projection
{
    public static async Task WaitCaughtUpAsync(NpgsqlDataSource dataSource)
    {
        var catchUp = new ReadModelCatchUp(dataSource);
        if (!await catchUp.WaitAsync(TimeSpan.FromMinutes(5), CancellationToken.None))
        {
            throw new TimeoutException("The projection did not catch up within 5 minutes.");
        }
    }
}


internal sealed record Args(string Postgres, int Inquiries, int Rounds, int Submitters, int BaselineSeconds)
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
            int.Parse(Value("--inquiries", "20000")!, CultureInfo.InvariantCulture),
            int.Parse(Value("--rounds", "3")!, CultureInfo.InvariantCulture),
            int.Parse(Value("--submitters", "4")!, CultureInfo.InvariantCulture),
            int.Parse(Value("--baseline-seconds", "5")!, CultureInfo.InvariantCulture));
    }
}
