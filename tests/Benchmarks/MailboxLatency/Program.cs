// The support mailbox's speed (issue 21): how long a customer's emailed answer takes from reaching
// the mailbox to being handed to Inquiry, with IDLE, and how fast a backlog drains. A real IMAP
// server (Dovecot, local/dovecot:2.3, from Testcontainers) → the Notification service (in-process,
// real clock, own database and vhost) → Inquiry's internal API (its loopback double,
// tests/Testing/InquiryApiDouble, which answers at once: Inquiry's sealing and append are measured
// by the InquiryLoad and EventAppend benchmarks).
//
//   1. latency: <answers> answers appended one by one, <interval> ms apart, while the reader idles;
//      latency = when the double received it − when the APPEND completed (same machine clock);
//   2. backlog: the service stopped, <backlog> answers appended, the service started: the time
//      from its start until the last one is handed over, and the rate.
//
//   dotnet run -c Release --project tests/Benchmarks/MailboxLatency -- [answers=200] [interval=250] [backlog=10000]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MimeKit;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Testing;

namespace SupportPlatform.Benchmarks.MailboxLatency;

internal static class Benchmark
{
    private const string SupportAddress = "support@vendor.test";
    private const string User = DovecotMailbox.User;
    private const string Password = DovecotMailbox.Password;

    public static async Task Main(string[] args)
    {
        // WebApplicationFactory finds the service's content root through the manifest next to this program.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var answers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var interval = TimeSpan.FromMilliseconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 250);
        var backlog = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;

        var database = new PostgresDatabase();
        var vhost = new RabbitMqVhost();
        await using var inquiries = new InquiryApiDouble();
        await inquiries.InitializeAsync();
        await database.InitializeAsync();
        await vhost.InitializeAsync();
        var dovecot = new DovecotMailbox();
        await dovecot.InitializeAsync();
        var imap = (dovecot.Host, dovecot.Port);
        try
        {
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}, {Environment.OSVersion}, .NET {Environment.Version}");

            // 1. Latency: one answer at a time into an idle mailbox.
            var handedOver = new ConcurrentDictionary<string, double>();
            var service = Start(database, vhost, inquiries, imap);
            using var watching = new CancellationTokenSource();
            var watcher = WatchAsync(inquiries, handedOver, watching.Token);
            await WarmUpAsync(inquiries, imap, handedOver);
            var appended = new Dictionary<string, double>();
            using (var client = await ConnectAsync(imap))
            {
                for (var i = 0; i < answers; i++)
                {
                    var text = $"latency {i} {Guid.NewGuid():N}";
                    await client.Inbox.AppendAsync(new AppendRequest(Answer(inquiries, text)));
                    appended[text] = Now();
                    await Task.Delay(interval);
                }
            }

            await WaitAsync(() => appended.Keys.All(handedOver.ContainsKey), TimeSpan.FromSeconds(120), "every paced answer handed over");
            var latencies = appended.Select(a => (handedOver[a.Key] - a.Value) * 1000).Order().ToList();
            Console.WriteLine($"latency, mailbox → Inquiry, {answers} answers {interval.TotalMilliseconds:F0} ms apart (IDLE) (ms): "
                + $"p50 {Percentile(latencies, 0.50):F0}, p95 {Percentile(latencies, 0.95):F0}, p99 {Percentile(latencies, 0.99):F0}, max {latencies[^1]:F0}");

            // 2. Backlog: the service away while the answers arrive, then started on them.
            await service.DisposeAsync();
            var clock = Stopwatch.StartNew();
            var backlogTexts = new List<string>(backlog);
            using (var client = await ConnectAsync(imap))
            {
                for (var i = 0; i < backlog; i++)
                {
                    var text = $"backlog {i} {Guid.NewGuid():N}";
                    backlogTexts.Add(text);
                    await client.Inbox.AppendAsync(new AppendRequest(Answer(inquiries, text)));
                }
            }

            Console.WriteLine($"backlog: {backlog} answers appended in {clock.Elapsed.TotalSeconds:F1} s; starting the service");
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            service = Start(database, vhost, inquiries, imap);
            var first = 0.0;
            await WaitAsync(
                () =>
                {
                    if (first == 0 && backlogTexts.Any(handedOver.ContainsKey))
                    {
                        first = clock.Elapsed.TotalSeconds;
                    }

                    return backlogTexts.All(handedOver.ContainsKey);
                },
                TimeSpan.FromMinutes(30),
                "the whole backlog handed over");
            var drained = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"backlog: {backlog} handed over {drained:F1} s after the service's start (first after {first:F1} s): "
                + $"{backlog / drained:F0} messages/s overall, {backlog / (drained - first):F0}/s once reading; "
                + $"benchmark process CPU {cpuSeconds:F1} s; load average {LoadAverage()}");
            var copies = inquiries.ReceivedEmails.Count(e => e.Email.Text.StartsWith("backlog ", StringComparison.Ordinal));
            Console.WriteLine($"backlog: hand-overs {copies} for {backlog} answers (more: a message handed over again, which Inquiry drops as a duplicate)");
            await watching.CancelAsync();
            await watcher;
            await service.DisposeAsync();
        }
        finally
        {
            await dovecot.DisposeAsync();
            await vhost.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    private static WebApplicationFactory<Program> Start(PostgresDatabase database, RabbitMqVhost vhost, InquiryApiDouble inquiries, (string Host, int Port) imap)
    {
        var service = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Benchmark");
            web.UseSetting("ConnectionStrings:postgres", database.ConnectionString);
            web.UseSetting("ConnectionStrings:rabbitmq", vhost.ConnectionString);
            web.UseSetting("Auth:SigningKey", TestServers.SigningKey);
            web.UseSetting("InquiryApi:BaseAddress", inquiries.BaseAddress);
            web.UseSetting("Smtp:Host", "127.0.0.1");
            web.UseSetting("Smtp:Port", "9");
            web.UseSetting("Mailbox:Address", SupportAddress);
            web.UseSetting("Mailbox:Host", imap.Host);
            web.UseSetting("Mailbox:Port", imap.Port.ToString(CultureInfo.InvariantCulture));
            web.UseSetting("Mailbox:UseSsl", "false");
            web.UseSetting("Mailbox:UserName", User);
            web.UseSetting("Mailbox:Password", Password);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        _ = service.Services;
        return service;
    }

    /// <summary>A customer's answer to an inquiry of its own (so no per-sender limit applies), by its reply address.</summary>
    private static MimeMessage Answer(InquiryApiDouble inquiries, string text)
    {
        var inquiry = Guid.NewGuid();
        var customer = $"{inquiry:N}@customer.test";
        inquiries.Add(inquiry, customer, "메일 회신 벤치마크");
        return new MimeMessage(
            [MailboxAddress.Parse(customer)],
            [MailboxAddress.Parse(ReplyAddresses.For(SupportAddress, InquiryApiDouble.ReplyTokenOf(inquiry)))],
            "RE: [고객케어 라운지] 문의",
            new TextPart("plain") { Text = text + "\n\n-----원본 메시지-----\n보낸 사람: 고객케어 라운지" })
        {
            MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.test"),
        };
    }

    /// <summary>Notes when each answer's text first reaches the double, every 2 ms.</summary>
    private static async Task WatchAsync(InquiryApiDouble inquiries, ConcurrentDictionary<string, double> handedOver, CancellationToken cancellationToken)
    {
        var seen = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var received = inquiries.ReceivedEmails;
            var now = Now();
            for (; seen < received.Count; seen++)
            {
                handedOver.TryAdd(received[seen].Email.Text, now);
            }

            try
            {
                await Task.Delay(2, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Twenty answers first: the connection, IDLE and the JIT warm.</summary>
    private static async Task WarmUpAsync(InquiryApiDouble inquiries, (string Host, int Port) imap, ConcurrentDictionary<string, double> handedOver)
    {
        var texts = new List<string>();
        using var client = await ConnectAsync(imap);
        for (var i = 0; i < 20; i++)
        {
            var text = $"warm-up {i} {Guid.NewGuid():N}";
            texts.Add(text);
            await client.Inbox.AppendAsync(new AppendRequest(Answer(inquiries, text)));
        }

        await WaitAsync(() => texts.All(handedOver.ContainsKey), TimeSpan.FromSeconds(120), "the warm-up handed over");
    }

    private static async Task<ImapClient> ConnectAsync((string Host, int Port) imap)
    {
        var client = new ImapClient();
        await client.ConnectAsync(imap.Host, imap.Port, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout} for {what}.");
            }

            await Task.Delay(20);
        }
    }

    private static double Now() => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";
}
