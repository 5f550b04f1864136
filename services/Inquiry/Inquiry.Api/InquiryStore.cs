using System.Diagnostics;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Inquiries.Rating;
using SupportPlatform.Inquiry.Inquiries.Reporting;
using SupportPlatform.Inquiry.Publishing;
using SupportPlatform.Inquiry.Retention;
using SupportPlatform.Inquiry.ServiceLevels;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Inquiry;

/// <summary>
/// The service's own schema. Marten keeps the inquiry streams (<c>mt_events</c>, <c>mt_streams</c>),
/// the read models it projects from them (<c>mt_doc_queue</c>, <c>mt_doc_retention</c>, <c>mt_doc_satisfaction</c>, <c>mt_doc_response_time</c>) and the
/// daemon's progress; beside them live the data keys, attachments and the purge audit. Everything
/// personal is keyed by inquiry id, so a purge is "delete the key, then everything of that id".
/// </summary>
public static class InquiryStore
{
    public const string Schema = "inquiry";

    public static IServiceCollection AddInquiryStore(this IServiceCollection services)
    {
        // Registered before Marten, so our tables exist before the daemon's subscription needs them.
        services.AddHostedService<InquirySchemaInitializer>();
        // Then, before anything serves or projects, re-apply the purges a restored database lacks.
        services.AddSingleton<Retention.Shredding.ShredList>();
        services.AddSingleton<Retention.Shredding.ShredListReplay>();
        services.AddHostedService<Retention.Shredding.ShredListOnStart>();
        // And the service-level revision in force, so the read models measure with it from the first event.
        services.AddHostedService<ServiceLevels.Revising.ServiceLevelRevisionsOnStart>();

        // Nothing is compiled at run time in Production: Marten 9 builds its evolvers with a source
        // generator at build time (there is no Roslyn in the output), and Static forbids falling back.
        services.CritterStackDefaults(defaults =>
        {
            defaults.Production.GeneratedCodeMode = TypeLoadMode.Static;
            defaults.Production.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
        });

        services.AddSingleton<UntilConfirmed>();
        services.AddMarten(sp => Configure(new StoreOptions(), sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<SlaRulesInForce>()))
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            // One active daemon across replicas: the others stand by and take over when its leader lock goes.
            .AddAsyncDaemon(DaemonMode.HotCold)
            .AddSubscriptionWithServices<IntegrationEventPublisher>(ServiceLifetime.Singleton, subscription =>
            {
                subscription.Name = IntegrationEventPublisher.SubscriptionName;
                subscription.Options.BatchSize = IntegrationEventPublisher.BatchSize;
            })
            // The desk's message search index, filled from the same log (it needs the data keys, so not a projection).
            .AddSubscriptionWithServices<Inquiries.SearchingMessages.MessageSearchIndexer>(ServiceLifetime.Singleton, subscription =>
            {
                subscription.Name = Inquiries.SearchingMessages.MessageSearchIndexer.SubscriptionName;
                subscription.Options.BatchSize = Inquiries.SearchingMessages.MessageSearchIndexer.BatchSize;
            });
        // The queue's counts per submission day, kept beside its table from its first write (or filled from it once).
        services.AddHostedService<Inquiries.Reporting.QueueDayCountsOnStart>();
        // The response times' day histograms, the same way, beside the response-time read model.
        services.AddHostedService<Inquiries.Reporting.ResponseTimeHistogramsOnStart>();
        return services;
    }

    /// <summary>Marten's settings for the inquiry streams; also what the benchmarks and tests build a store from.</summary>
    /// <param name="rules">What the SLA targets are measured with; the defaults when not given.</param>
    public static StoreOptions Configure(StoreOptions options, NpgsqlDataSource dataSource, SlaRulesInForce? rules = null)
    {
        rules ??= new SlaRulesInForce(SlaRules.Default);
        options.Connection(dataSource);
        options.DatabaseSchemaName = Schema;
        options.Events.DatabaseSchemaName = Schema;
        options.Events.StreamIdentity = StreamIdentity.AsGuid;

        // Quick: the append is one statement that takes versions from the stream row, no read first.
        options.Events.AppendMode = EventAppendMode.Quick;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;

        var json = new System.Text.Json.JsonSerializerOptions();
        ServiceDefaultsExtensions.ConfigureJson(json);
        // The API's JSON conventions (camelCase, enums as strings), so stored JSON reads like the HTTP contract.
        options.UseSystemTextJsonForSerialization(json, Weasel.Core.EnumStorage.AsString, Weasel.Core.Casing.CamelCase);

        foreach (var type in typeof(IInquiryEvent).Assembly.GetTypes().Where(t => t.IsAssignableTo(typeof(IInquiryEvent)) && t is { IsAbstract: false, IsInterface: false }))
        {
            options.Events.AddEventType(type);
        }

        options.Events.AddEventType(typeof(AccessRecords.RecordingApiReads.PersonalDataReadThroughApi));

        // The write model, folded live on every command (FetchForWriting); never stored.
        options.Projections.Add(new InquiryStateProjection(), ProjectionLifecycle.Live);

        // The read models, each owned by the slice that reads it; the daemon keeps them current.
        options.Projections.Add(new QueueProjection(rules), ProjectionLifecycle.Async, ReadModelPages);
        options.Projections.Add(new RetentionIndexProjection(), ProjectionLifecycle.Async, ReadModelPages);
        options.Projections.Add(new SatisfactionProjection(), ProjectionLifecycle.Async, ReadModelPages);
        options.Projections.Add(new ResponseTimeProjection(rules), ProjectionLifecycle.Async, ReadModelPages);
        QueueProjection.Map(options);
        RetentionIndexProjection.Map(options);
        SatisfactionProjection.Map(options);
        ResponseTimeProjection.Map(options);

        // Publish lag is bounded by how often the daemon looks for new events: the defaults (250 ms
        // busy, 1 s idle) would spend most of the 1 s lag budget waiting.
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(100);
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);

        // A standby replica tries the shards' leadership locks every second (Marten's default is 5 s,
        // and a failed try waits as long again), so the shards move within seconds of a leader's
        // death; the cost is one pg_try_advisory_lock per shard per second per standby.
        options.Projections.LeadershipPollingTime = 1_000;

        return options;
    }

    /// <summary>The most events the daemon reads into one page (and one transaction) of a read model.</summary>
    public const int ReadModelPageSize = 5_000;

    /// <summary>
    /// A rebuild replays the whole log, and Marten's page of 500 events writes an inquiry's document
    /// again in every page its events fall into, each write touching all the document's indexes: at
    /// 5,000 most of an inquiry's events share a page, and the server's CPU per queue rebuild halved
    /// (docs/benchmarks.md, issue 26). Caught up, a page holds only what arrived since the last one;
    /// catching up, the larger page costs memory (about 50 MB of peak at 50,000 inquiries).
    /// </summary>
    private static void ReadModelPages(AsyncOptions options) => options.BatchSize = ReadModelPageSize;

    /// <summary>
    /// A session whose events carry the request's trace: the correlation id is the trace id, the
    /// causation id the span that appended, and <c>traceparent</c> travels as a header, so the
    /// publisher continues the same trace on RabbitMQ.
    /// </summary>
    public static IDocumentSession OpenTracedSession(this IDocumentStore store, Marten.Services.SessionOptions? options = null)
    {
        var session = options is null ? store.LightweightSession() : store.LightweightSession(options);
        if (Activity.Current is { } activity)
        {
            session.CorrelationId = activity.TraceId.ToString();
            session.CausationId = activity.SpanId.ToString();
            session.SetHeader(TraceHeader, activity.Id!);
        }

        return session;
    }

    public const string TraceHeader = "traceparent";
}
