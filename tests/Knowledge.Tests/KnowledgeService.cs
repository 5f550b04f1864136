using System.Collections.Concurrent;
using MassTransit;
using SupportPlatform.Inquiry.Contracts;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>The real service in-process on its own database and vhost, shared by the tests of one class.</summary>
public class KnowledgeService : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();

    public RabbitMqVhost Vhost { get; } = new();

    public ServiceFactory<Program> Factory { get; private set; } = null!;

    /// <summary>Where the service reads an inquiry's summary: Inquiry's internal API.</summary>
    public InquiryApiDouble Inquiries { get; } = new();

    /// <summary>Every consumed message id with how many times a consumer finished with it (duplicates included).</summary>
    public ConsumedMessages Consumed { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await Vhost.InitializeAsync();
        await Inquiries.InitializeAsync();
        await BeforeStartAsync();
        Factory = new ServiceFactory<Program>(Database, Vhost);
        Factory.Settings["InquiryApi:BaseAddress"] = Inquiries.BaseAddress;
        Factory.Settings["Knowledge:IndexRefreshSeconds"] = "0.5";
        _ = Factory.Server;
        Factory.Services.GetRequiredService<IBus>().ConnectConsumeObserver(Consumed);
    }

    public HttpClient Client() => Factory.CreateClient();

    /// <summary>What the database holds before the service first starts on it (nothing by default).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    public IBus Bus => Factory.Services.GetRequiredService<IBus>();

    /// <summary>An inquiry as Inquiry holds it (in the API double), and the ids-only event of its submission.</summary>
    public InquirySubmitted Submitted(Guid inquiryId, string summary, string? session = null)
    {
        Inquiries.Add(inquiryId, "customer@example.com", summary);
        return new() { InquiryId = inquiryId, Language = "ko", RecommendationSessionId = session, SubmittedAt = DateTimeOffset.UtcNow };
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Inquiries.DisposeAsync();
        await Vhost.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class ConsumedMessages : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> counts = new();

    public int Count(Guid messageId) => counts.GetValueOrDefault(messageId);

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        counts.AddOrUpdate(context.MessageId!.Value, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
