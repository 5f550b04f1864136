// Receipt latency of the Notification path alone: InquirySubmitted (ids only) published to RabbitMQ
// at a fixed rate (as the Inquiry service's log publisher would) → the service (in-process, real
// clock), which reads address and summary from Inquiry's internal API (here its loopback double,
// tests/Testing/InquiryApiDouble) → receipt accepted by a real SMTP server (aiosmtpd logging when it accepted each message). Latency is the SMTP
// server's acceptance time minus the publish time, both read from the same machine clock.
//
//   dotnet run -c Release --project tests/Benchmarks/ReceiptLatency -- [rate=200] [seconds=20] [prefetch=service default]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Testing;

namespace SupportPlatform.Benchmarks.ReceiptLatency;

internal static class Benchmark
{
    private const int WarmUp = 100;

    public static async Task Main(string[] args)
    {
        // WebApplicationFactory finds the service's content root through the manifest next to this program.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var rate = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var prefetch = args.Length > 2 ? args[2] : null;

        var database = new PostgresDatabase();
        var vhost = new RabbitMqVhost();
        var smtp = new TimingSmtpServer();
        await using var inquiries = new InquiryApiDouble();
        await inquiries.InitializeAsync();
        await database.InitializeAsync();
        await vhost.InitializeAsync();
        await smtp.InitializeAsync();
        try
        {
            await using var service = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            {
                web.UseEnvironment("Benchmark");
                web.UseSetting("ConnectionStrings:postgres", database.ConnectionString);
                web.UseSetting("ConnectionStrings:rabbitmq", vhost.ConnectionString);
                web.UseSetting("Auth:SigningKey", TestServers.SigningKey);
                web.UseSetting("InquiryApi:BaseAddress", inquiries.BaseAddress);
                web.UseSetting("Smtp:Host", smtp.Host);
                web.UseSetting("Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture));
                web.UseSetting("Logging:LogLevel:Default", "Warning");
                if (prefetch is not null)
                {
                    web.UseSetting("Messaging:PrefetchCount", prefetch);
                }
                web.ConfigureTestServices(services => services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true));
            });
            _ = service.Services;

            // The publisher is its own bus, as the Inquiry service would be.
            await using var publisherServices = new ServiceCollection()
                .AddMassTransit(bus => bus.UsingRabbitMq((_, rabbit) => rabbit.Host(new Uri(vhost.ConnectionString))))
                .BuildServiceProvider();
            var publisher = publisherServices.GetRequiredService<IBusControl>();
            await publisher.StartAsync();

            var published = new ConcurrentDictionary<string, double>();
            await PublishAsync(publisher, inquiries, published, WarmUp, 100);
            await WaitForReceiptsAsync(smtp, WarmUp, TimeSpan.FromSeconds(60));
            var warmUpRecipients = published.Keys.ToHashSet();
            published.Clear();

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var total = rate * seconds;
            await PublishAsync(publisher, inquiries, published, total, rate);
            var publishSeconds = clock.Elapsed.TotalSeconds;
            await WaitForReceiptsAsync(smtp, WarmUp + total, TimeSpan.FromSeconds(120));
            var drainSeconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;

            var latencies = new List<double>(total);
            foreach (var (recipient, receivedAt) in await smtp.ReceivedAsync())
            {
                if (!warmUpRecipients.Contains(recipient) && published.TryGetValue(recipient, out var sentAt))
                {
                    latencies.Add((receivedAt - sentAt) * 1000);
                }
            }

            latencies.Sort();
            double Percentile(double p) => latencies[Math.Clamp((int)Math.Ceiling(p * latencies.Count) - 1, 0, latencies.Count - 1)];
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
            Console.WriteLine($"published {total} InquirySubmitted at {rate}/s over {publishSeconds:F1} s (+{WarmUp} warm-up); receipts {latencies.Count}/{total}, all emails drained after {drainSeconds:F1} s");
            Console.WriteLine($"publish → SMTP acceptance (ms): p50 {Percentile(0.50):F0}, p95 {Percentile(0.95):F0}, p99 {Percentile(0.99):F0}, max {latencies[^1]:F0}");
            Console.WriteLine($"send step (claimed → marked sent), receipts (ms): {await SendStepAsync(database)}");
            Console.WriteLine($"benchmark process CPU (service + publisher): {cpuSeconds:F1} s over {drainSeconds:F1} s wall");
        }
        finally
        {
            await smtp.DisposeAsync();
            await vhost.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    private static async Task PublishAsync(IBus bus, InquiryApiDouble inquiries, ConcurrentDictionary<string, double> published, int count, int perSecond)
    {
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var inquiryId = Guid.NewGuid();
            var recipient = $"{inquiryId:N}@bench.test";
            var now = DateTimeOffset.UtcNow;
            published[recipient] = now.ToUnixTimeMilliseconds() / 1000.0;
            inquiries.Add(inquiryId, recipient, "랜섬웨어 관련 스팸 차단 문의", companyName: "(주)벤치마크");
            pending.Add(bus.Publish(
                new InquirySubmitted { InquiryId = inquiryId, Language = "ko", SubmittedAt = now },
                context => context.MessageId = inquiryId));
        }

        await Task.WhenAll(pending);
    }

    /// <summary>Where the time goes: the delivery log's created → sent span is the SMTP session plus the status update.</summary>
    private static async Task<string> SendStepAsync(PostgresDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at) * 1000)
            FROM notification.deliveries WHERE kind = 'receipt' AND status = 'sent'
            """);
        var percentiles = (double[])(await command.ExecuteScalarAsync())!;
        return $"p50 {percentiles[0]:F0}, p95 {percentiles[1]:F0}";
    }

    private static async Task WaitForReceiptsAsync(TimingSmtpServer smtp, int expected, TimeSpan timeout)
    {
        // Each inquiry yields a receipt and a staff alert.
        var deadline = DateTime.UtcNow + timeout;
        int count;
        while ((count = (await smtp.ReceivedAsync()).Count) < 2 * expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {count} of {2 * expected} emails arrived.");
            }

            await Task.Delay(200);
        }
    }
}
