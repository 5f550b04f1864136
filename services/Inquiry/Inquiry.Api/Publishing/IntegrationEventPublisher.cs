using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;

namespace SupportPlatform.Inquiry.Publishing;

/// <summary>
/// Forwards the event log to RabbitMQ as a Marten subscription: the daemon hands over a page of
/// events in log order, we map and publish them (each message's id is the event's id, so consumers'
/// inboxes drop re-sends), and the daemon moves the checkpoint only after we return. A crash between
/// the two re-sends the page: at least once, never lost. The daemon runs on one replica at a time
/// (HotCold leader election) and never passes over an event a live transaction could still commit.
/// Each publish goes out <see cref="UntilConfirmed"/>: retried while the broker is away, and never
/// left waiting for a confirm that is not coming — a subscription that threw would be stopped by the
/// daemon, and one that waited forever held the checkpoint forever with nothing in the log or in
/// <c>/health</c> (issue 28: 2,223 receipts never sent after a broker restart).
/// </summary>
public sealed class IntegrationEventPublisher(IBus bus, UntilConfirmed untilConfirmed, TimeProvider time) : SubscriptionBase
{
    public const string SubscriptionName = "integration-publisher";

    /// <summary>The daemon's name for this subscription's one shard, as in its progress table.</summary>
    public const string ShardName = SubscriptionName + ":All";

    public const int BatchSize = 500;

    private const int PublishConcurrency = 16;

    public static readonly ActivitySource Source = new("SupportPlatform.Inquiry.Publishing");

    private static readonly Meter Meter = new("SupportPlatform.Inquiry.Publishing");
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("inquiry.events.published", "{message}", "Integration messages published from the event log");
    private static readonly Histogram<double> PublishLag = Meter.CreateHistogram<double>("inquiry.events.publish.lag", "ms", "Time from an event's append to its publication");

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        await PublishAsync(page.Events, cancellationToken);
        return NullChangeListener.Instance;
    }

    public async Task PublishAsync(IReadOnlyList<IEvent> events, CancellationToken cancellationToken) =>
        // Each publish waits for the broker's confirm: overlap them, within a bound.
        await Parallel.ForEachAsync(
            events.Select(stored => (Stored: stored, Message: IntegrationEventMapper.ToMessage(stored.Data))).Where(pair => pair.Message is not null),
            new ParallelOptions { MaxDegreeOfParallelism = PublishConcurrency, CancellationToken = cancellationToken },
            async (pair, token) => await PublishOneAsync(pair.Stored, pair.Message!, token));

    private async Task PublishOneAsync(IEvent stored, object message, CancellationToken cancellationToken)
    {
        // Continue the trace of the request that appended the event.
        ActivityContext.TryParse(TraceParentOf(stored), null, out var parent);
        using var activity = Source.StartActivity($"{stored.EventType.Name} publish", ActivityKind.Producer, parent);
        activity?.SetTag("marten.sequence", stored.Sequence);
        await untilConfirmed.PublishAsync(bus, message, stored.Id, $"{stored.EventType.Name} (sequence {stored.Sequence})", cancellationToken);

        var tags = new TagList { { "type", stored.EventType.Name } };
        Published.Add(1, tags);
        PublishLag.Record((time.GetUtcNow() - stored.Timestamp).TotalMilliseconds, tags);
    }

    private static string? TraceParentOf(IEvent stored) =>
        stored.Headers?.TryGetValue(InquiryStore.TraceHeader, out var value) == true
            ? value switch
            {
                string text => text,
                JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
                _ => value?.ToString(),
            }
            : null;
}
