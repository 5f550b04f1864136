using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportPlatform.Inquiry.Attachments;
using SupportPlatform.Inquiry.Inquiries.AutoClosing;
using SupportPlatform.Inquiry.Inquiries.Submitting;
using SupportPlatform.Inquiry.Retention;
using SupportPlatform.Inquiry.ServiceLevels.Warning;
using SupportPlatform.Testing;
using Xunit;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// The real service over HTTP on this class's own database and vhost, with random personal-data
/// keys, and a second bus on the same vhost that records every integration event it publishes.
/// </summary>
public class InquiryApi : IAsyncLifetime
{
    private ServiceProvider? listenerServices;
    private IBusControl? listener;

    public PostgresDatabase Database { get; } = new();

    public RabbitMqVhost Vhost { get; } = new();

    public ServiceFactory<Program> Service { get; private set; } = null!;

    public ConcurrentQueue<ConsumeContext> Published { get; } = new();

    protected virtual int PublicPermitsPerMinute => 1_000_000;

    /// <summary>
    /// The service's background jobs tick on its fake clock, so they would run whenever a test
    /// advances it, racing the test's own retention and auto-close passes and sweeps. Only a class that tests the
    /// retention job itself keeps it.
    /// </summary>
    protected virtual bool KeepsRetentionJob => false;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await Vhost.InitializeAsync();
        listenerServices = new ServiceCollection()
            .AddSingleton(Published)
            .AddMassTransit(bus =>
            {
                bus.AddConsumer<Recorder>().Endpoint(e => e.Name = "test-recorder");
                bus.UsingRabbitMq((context, rabbit) =>
                {
                    rabbit.Host(new Uri(Vhost.ConnectionString));
                    rabbit.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider();
        listener = listenerServices.GetRequiredService<IBusControl>();
        await listener.StartAsync();
        await BeforeStartAsync();
        StartService(new Dictionary<string, string?>
        {
            ["PersonalData:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["PersonalData:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["RateLimiting:PublicPermitsPerMinute"] = PublicPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>
    /// Stops the service, does <paramref name="whileStopped"/> (restore a backup, say), and starts it
    /// again on the same database and vhost with its settings changed by <paramref name="change"/>
    /// (new keys, say). The new process has a new fake clock.
    /// </summary>
    public async Task RestartAsync(Func<Task>? whileStopped = null, Action<Dictionary<string, string?>>? change = null)
    {
        var settings = new Dictionary<string, string?>(Service.Settings);
        await Service.DisposeAsync();
        if (whileStopped is not null)
        {
            await whileStopped();
        }

        change?.Invoke(settings);
        StartService(settings);
    }

    private void StartService(Dictionary<string, string?> settings)
    {
        Service = new ServiceFactory<Program>(Database, Vhost);
        foreach (var (key, value) in settings)
        {
            Service.Settings[key] = value;
        }

        Service.TestServices = services =>
        {
            // Matched by implementation type only: hosted services registered through a factory
            // (Marten's async daemon among them) have none, and must never match.
            Type[] clockDriven = KeepsRetentionJob
                ? [typeof(UnboundAttachmentSweeper), typeof(AutoCloseJob), typeof(SlaWarningJob)]
                : [typeof(RetentionJob), typeof(UnboundAttachmentSweeper), typeof(AutoCloseJob), typeof(SlaWarningJob)];
            foreach (var job in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType is { } type && clockDriven.Contains(type)).ToList())
            {
                services.Remove(job);
            }
        };
        ConfigureService(Service);
        Service.CreateClient().Dispose();
    }

    /// <summary>
    /// Stops the service and starts it again on the same database, vhost, keys and clock time, with
    /// <paramref name="change"/> applied to its settings (a new SLA policy, say).
    /// </summary>
    public async Task RestartAsync(Action<ServiceFactory<Program>> change)
    {
        var previous = Service;
        var now = previous.Time.GetUtcNow();
        await previous.DisposeAsync();
        Service = new ServiceFactory<Program>(Database, Vhost) { TestServices = previous.TestServices };
        foreach (var (key, value) in previous.Settings)
        {
            Service.Settings[key] = value;
        }

        Service.Time.SetUtcNow(now);
        ConfigureService(Service);
        change(Service);
        Service.CreateClient().Dispose();
    }

    /// <summary>Last settings of a fixture that runs the service differently (through a proxy, with other bounds).</summary>
    protected virtual void ConfigureService(ServiceFactory<Program> service)
    {
    }

    public virtual async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        if (listener is not null)
        {
            await listener.StopAsync();
        }

        if (listenerServices is not null)
        {
            await listenerServices.DisposeAsync();
        }

        await Vhost.DisposeAsync();
        await Database.DisposeAsync();
    }

    public HttpClient Customer() => Service.CreateClient();

    /// <summary>What the database holds before the service first starts on it (nothing by default).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    public HttpClient Agent() => Service.CreateClient().WithStaff("agent");

    public HttpClient Compliance() => Service.CreateClient().WithStaff("compliance");

    public async Task<InquiryReceipt> SubmitAsync(object? request = null)
    {
        using var client = Customer();
        var response = await client.PostAsJsonAsync("/api/inquiries", request ?? Requests.Valid());
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<InquiryReceipt>())!;
    }

    public IEnumerable<T> PublishedOf<T>() where T : class =>
        Published.Select(c => c.TryGetMessage<T>(out var message) ? message.Message : null).OfType<T>();

    private sealed class Recorder(ConcurrentQueue<ConsumeContext> published) :
        IConsumer<Contracts.InquirySubmitted>, IConsumer<Contracts.InquiryAnswered>, IConsumer<Contracts.CustomerFollowedUp>, IConsumer<Contracts.InquiryClosed>,
        IConsumer<Contracts.InquiryPurged>, IConsumer<Contracts.InquiryLinksRequested>,
        IConsumer<Contracts.InquiryAssigneeChanged>, IConsumer<Contracts.InquiryReopenedByAgent>, IConsumer<Contracts.InquiryNoteAdded>,
        IConsumer<Contracts.CustomerReminded>, IConsumer<Contracts.SatisfactionSurveyRequested>, IConsumer<Contracts.SlaWarningRaised>
    {
        public Task Consume(ConsumeContext<Contracts.InquirySubmitted> context) => Record(context);

        public Task Consume(ConsumeContext<Contracts.InquiryAnswered> context) => Record(context);

        public Task Consume(ConsumeContext<Contracts.CustomerFollowedUp> context) => Record(context);

        public Task Consume(ConsumeContext<Contracts.InquiryClosed> context) => Record(context);

        public Task Consume(ConsumeContext<Contracts.InquiryPurged> context) => Record(context);

        public Task Consume(ConsumeContext<Contracts.InquiryLinksRequested> context) => Record(context);

        public Task Consume(ConsumeContext<Contracts.InquiryAssigneeChanged> context) => Record(context);

        public Task Consume(ConsumeContext<Contracts.InquiryReopenedByAgent> context) => Record(context);

        public Task Consume(ConsumeContext<Contracts.InquiryNoteAdded> context) => Record(context);

        public Task Consume(ConsumeContext<Contracts.CustomerReminded> context) => Record(context);

        public Task Consume(ConsumeContext<Contracts.SatisfactionSurveyRequested> context) => Record(context);

        public Task Consume(ConsumeContext<Contracts.SlaWarningRaised> context) => Record(context);

        private Task Record(ConsumeContext context)
        {
            published.Enqueue(context);
            return Task.CompletedTask;
        }
    }
}

/// <summary>Request bodies as a front end would send them.</summary>
public static class Requests
{
    public const string Email = "kim.minji@daou-example.co.kr";
    public const string Company = "다우테크놀로지 주식회사";
    public const string Phone = "010-4321-8765";

    public static Dictionary<string, object?> Valid(string? email = null) => new()
    {
        ["email"] = email ?? Email,
        ["companyName"] = Company,
        ["phone"] = Phone,
        ["summary"] = "랜섬웨어 관련",
        ["details"] = "**TMSe** 스팸서버에서 랜섬웨어 첨부 메일이 통과됩니다.\n\n- 버전: 7.2",
        ["consent"] = new Dictionary<string, object?> { ["accepted"] = true, ["policyVersion"] = "2024-01" },
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> request, string field, object? value)
    {
        request[field] = value;
        return request;
    }

    /// <summary>Binds uploads as a front end does: each attachment id with the upload token its upload answered.</summary>
    public static Dictionary<string, object?> WithUploads(this Dictionary<string, object?> request, params JsonElement[] uploads)
    {
        request["attachmentIds"] = uploads.Select(u => u.GetProperty("attachmentId").GetGuid()).ToArray();
        request["uploadTokens"] = uploads.Select(u => u.GetProperty("uploadToken").GetString()).ToArray();
        return request;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<string[]> ErrorKeysAsync(this HttpResponseMessage response) =>
        [.. (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()];
}

public sealed class RateLimitedInquiryApi : InquiryApi
{
    protected override int PublicPermitsPerMinute => 3;
}
