extern alias InquiryApi;
extern alias KnowledgeApi;
extern alias NotificationApi;

using System.Globalization;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SupportPlatform.Agent.Contracts;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Testing;
using IntegrationEventPublisher = InquiryApi::SupportPlatform.Inquiry.Publishing.IntegrationEventPublisher;

namespace SupportPlatform.Benchmarks.ThreeYears;

/// <summary>
/// The three services the generator fills, in this process on one clock the generator moves through
/// the three years: Inquiry (the API the customers and the desk call), Knowledge (recommendations
/// and the deflection funnel; the submissions it suggests articles for) and Notification (every
/// email Inquiry's integration events ask for, sent to a real SMTP server that discards them). Each
/// has its own database beside the generated one, as in production; Knowledge and Notification read
/// Inquiry's internal API through Inquiry's in-memory test server, and the desk's staff addresses
/// (for SLA warnings) from a stand-in of the desk's internal API, the desk itself not being generated.
/// </summary>
internal sealed class GeneratingPlatform : IAsyncDisposable
{
    private readonly SinkSmtpServer smtp;
    private readonly WebApplication desk;

    private GeneratingPlatform(FakeTimeProvider clock, InquiryService inquiry, KnowledgeService knowledge, NotificationService notification, MessageTally messages, SinkSmtpServer smtp, WebApplication desk)
    {
        (Clock, Inquiry, Knowledge, Notification, Messages) = (clock, inquiry, knowledge, notification, messages);
        (this.smtp, this.desk) = (smtp, desk);
    }

    public FakeTimeProvider Clock { get; }

    public InquiryService Inquiry { get; }

    public KnowledgeService Knowledge { get; }

    public NotificationService Notification { get; }

    /// <summary>What Inquiry published and what Knowledge and Notification have consumed of it.</summary>
    public MessageTally Messages { get; }

    /// <summary>
    /// Starts the consumers first, so their queues are bound before Inquiry publishes anything (a
    /// resumed run's vhost is new, and its publisher sends what it had not yet sent).
    /// </summary>
    public static async Task<GeneratingPlatform> StartAsync(string postgres, string rabbitMq, GeneratorKeys keys, DateTimeOffset start)
    {
        var clock = new FakeTimeProvider(start);
        var messages = new MessageTally();
        var smtp = new SinkSmtpServer();
        await smtp.StartAsync();
        // aiosmtpd is a child process: a run stopped by a signal, or failing to start, must not leave it behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => smtp.StopAsync().GetAwaiter().GetResult();
        var (desk, deskAddress) = await LoopbackServiceApi.StartAsync(() => false, DeskStandIn.MapStaffAddresses, signingKey: keys.SigningKey);
        var inquiry = new InquiryService(postgres, rabbitMq, keys, clock, messages);
        var knowledge = new KnowledgeService(postgres, rabbitMq, keys, clock, inquiry);
        var notification = new NotificationService(postgres, rabbitMq, keys, clock, inquiry, smtp, deskAddress);
        _ = knowledge.Server;
        _ = notification.Server;
        knowledge.Services.GetRequiredService<IBus>().ConnectConsumeObserver(messages.ConsumerOf("Knowledge", typeof(KnowledgeApi::SupportPlatform.Knowledge.KnowledgeModule)));
        notification.Services.GetRequiredService<IBus>().ConnectConsumeObserver(messages.ConsumerOf("Notification", typeof(NotificationApi::SupportPlatform.Notification.NotificationModule)));
        _ = inquiry.Server;
        return new GeneratingPlatform(clock, inquiry, knowledge, notification, messages, smtp, desk);
    }

    /// <summary>
    /// Waits until at most <paramref name="maxLag"/> of the day's work is still to be done by the
    /// consumers: events of Inquiry's log not yet published, plus messages published and not yet
    /// consumed by Knowledge or Notification (of the types each takes). The bound keeps the generator
    /// from running ahead of them; 0 waits for everything.
    /// </summary>
    public async Task WaitUntilConsumedAsync(string connectionString, long maxLag)
    {
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        var told = TimeSpan.FromSeconds(30);
        while (await Sql.ScalarAsync<long>(connectionString, PublisherBehind) is var unpublished
               && Messages.Lag() is var lag
               && Math.Max(unpublished, 0) + lag.Sum(l => l.Behind) > maxLag)
        {
            if (waiting.Elapsed > told)
            {
                told += TimeSpan.FromSeconds(30);
                Console.WriteLine($"  waited {waiting.Elapsed.TotalSeconds:F0} s for the consumers: {unpublished} events unpublished; {string.Join(", ", lag.Select(l => $"{l.Service} {l.Behind} {l.Type}"))} unconsumed");
            }

            await Task.Delay(100);
        }
    }

    private const string PublisherBehind =
        $"SELECT coalesce((SELECT max(seq_id) FROM inquiry.mt_events), 0) - coalesce((SELECT last_seq_id FROM inquiry.mt_event_progression WHERE name = '{IntegrationEventPublisher.ShardName}'), 0)";

    public async ValueTask DisposeAsync()
    {
        await Inquiry.DisposeAsync();
        await Notification.DisposeAsync();
        await Knowledge.DisposeAsync();
        await desk.DisposeAsync();
        await smtp.DisposeAsync();
    }
}

/// <summary>
/// The real Inquiry service in this process, production settings, on the generated database, with
/// the generator's clock: every event, deadline and retention pass is dated by it. Requests go
/// through the in-memory test server (no sockets to spend time on).
/// </summary>
/// <remarks>The shred list lives in its own database beside the service's, <c>&lt;database&gt;_shredlist</c>, as production wants it (<see cref="ServiceDatabases"/>).</remarks>
internal sealed class InquiryService(string postgres, string rabbitMq, GeneratorKeys keys, FakeTimeProvider clock, MessageTally? published = null)
    : WebApplicationFactory<InquiryApi::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ServiceSettings.Apply(builder, postgres, rabbitMq, keys);
        builder.UseSetting("ConnectionStrings:shredlist", ServiceDatabases.ConnectionString(postgres, ServiceDatabases.ShredList));
        builder.UseSetting("RateLimiting:PublicPermitsPerMinute", int.MaxValue.ToString(CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            if (published is not null)
            {
                // Registered with the bus, so even the first publish of a resumed run's backlog is counted.
                services.AddPublishObserver(_ => published);
            }
        });
    }
}

/// <summary>The real Knowledge service: its shipped articles seeded at start-up on the generated clock, its own database.</summary>
internal sealed class KnowledgeService(string postgres, string rabbitMq, GeneratorKeys keys, FakeTimeProvider clock, InquiryService inquiry)
    : WebApplicationFactory<KnowledgeApi::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ServiceSettings.Apply(builder, ServiceDatabases.ConnectionString(postgres, ServiceDatabases.Knowledge), rabbitMq, keys);
        builder.UseSetting("InquiryApi:BaseAddress", "http://inquiry/");
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
            services.AddHttpClient<InternalInquiryApi>().ConfigurePrimaryHttpMessageHandler(() => inquiry.Server.CreateHandler());
        });
    }
}

/// <summary>The real Notification service: its own database, every email to <see cref="SinkSmtpServer"/>.</summary>
internal sealed class NotificationService(string postgres, string rabbitMq, GeneratorKeys keys, FakeTimeProvider clock, InquiryService inquiry, SmtpServer smtp, string deskAddress)
    : WebApplicationFactory<NotificationApi::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ServiceSettings.Apply(builder, ServiceDatabases.ConnectionString(postgres, ServiceDatabases.Notification), rabbitMq, keys);
        builder.UseSetting("InquiryApi:BaseAddress", "http://inquiry/");
        builder.UseSetting("AgentApi:BaseAddress", deskAddress);
        builder.UseSetting("Smtp:Host", smtp.Host);
        builder.UseSetting("Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
            services.AddHttpClient<InternalInquiryApi>().ConfigurePrimaryHttpMessageHandler(() => inquiry.Server.CreateHandler());
        });
    }
}

internal static class ServiceSettings
{
    /// <summary>Production settings, the generator's keys; only warnings logged (a 412 the desk answers by reloading is not one).</summary>
    public static void Apply(IWebHostBuilder builder, string postgres, string rabbitMq, GeneratorKeys keys)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:postgres", postgres);
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMq);
        builder.UseSetting("Auth:SigningKey", keys.SigningKey);
        builder.UseSetting("PersonalData:MasterKey", keys.MasterKey);
        builder.UseSetting("PersonalData:LookupKey", keys.LookupKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Marten.IDocumentStore", "Critical");
    }
}

/// <summary>aiosmtpd, as the tests' SMTP servers, with <c>smtp_handlers.Discard</c>: accepts every message and keeps none.</summary>
internal sealed class SinkSmtpServer() : SmtpServer("smtp_handlers.Discard", AppContext.BaseDirectory);

/// <summary>The desk's <c>/internal/staff/{id}</c> for the generated agents: where an SLA warning to the assignee goes.</summary>
internal static class DeskStandIn
{
    public static void MapStaffAddresses(RouteGroupBuilder @internal) =>
        @internal.MapGet("/staff/{id:guid}", (Guid id) => InquiryPlan.Agents.Any(agent => agent.Id == id)
            ? Results.Ok(new StaffAddress(id, $"{id:N}@staff.test"))
            : Results.NotFound());
}

/// <summary>The services' databases beside the generated one (<c>&lt;database&gt;_knowledge</c>, …), as production keeps them apart.</summary>
internal static class ServiceDatabases
{
    public const string ShredList = "_shredlist";
    public const string Knowledge = "_knowledge";
    public const string Notification = "_notification";

    /// <summary>Every database of a generated platform, the generated (Inquiry's) one first.</summary>
    public static readonly string[] Suffixes = ["", ShredList, Knowledge, Notification];

    public static string ConnectionString(string postgres, string suffix)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
        builder.Database += suffix;
        return builder.ConnectionString;
    }

    public static async Task EnsureAsync(string admin, string postgres)
    {
        foreach (var suffix in Suffixes)
        {
            var database = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString(postgres, suffix)).Database!;
            if (await Sql.ScalarAsync<long>(admin, $"SELECT count(*) FROM pg_database WHERE datname = '{database}'") == 0)
            {
                await Sql.ExecuteAsync(admin, $"CREATE DATABASE {database}");
            }
        }
    }
}

/// <summary>
/// The keys the generated data is sealed with, kept beside the dump: the benchmarks open the
/// inquiries with them, and a resumed run must seal with the same ones.
/// </summary>
internal sealed record GeneratorKeys(string SigningKey, string MasterKey, string LookupKey)
{
    public static async Task<GeneratorKeys> LoadOrCreateAsync(string path)
    {
        if (File.Exists(path))
        {
            return System.Text.Json.JsonSerializer.Deserialize<GeneratorKeys>(await File.ReadAllTextAsync(path))!;
        }

        var keys = new GeneratorKeys(Random(48), Random(32), Random(32));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(keys));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return keys;
    }

    private static string Random(int bytes) => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));
}
