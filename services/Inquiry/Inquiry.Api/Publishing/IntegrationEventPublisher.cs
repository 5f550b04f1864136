using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Polly;
using Polly.Retry;

namespace SupportPlatform.Inquiry.Publishing;

/// <summary>
/// Forwards the event log to RabbitMQ as a Marten subscription: the daemon hands over a page of
/// events in log order, we map and publish them (each message's id is the event's id, so consumers'
/// inboxes drop re-sends), and the daemon moves the checkpoint only after we return. A crash between
/// the two re-sends the page: at least once, never lost. The daemon runs on one replica at a time
/// (HotCold leader election) and never passes over an event a live transaction could still commit.
/// <para>
/// Every publish is retried until it goes through, and every attempt is bounded by
/// <see cref="ConfirmTimeout"/>. A subscription that threw would be stopped by the daemon; one that
/// waited forever would hold the checkpoint forever with nothing in the log or in <c>/health</c>.
/// That is what stalled the publisher after a broker restart (issue 28): MassTransit awaits the
/// broker's publisher confirm on the channel's own cancellation token, never the caller's, and
/// RabbitMQ.Client 7.2 can leave a confirm awaited forever when the connection is forced closed
/// between the publish and its basic.ack. With 16 publishes in flight all stuck so, the page never
/// completed. Now an attempt whose confirm has not come in time is abandoned and published again
/// (the message id stays the event id, so a copy the broker did route is dropped by the inboxes).
/// </para>
/// </summary>
public sealed partial class IntegrationEventPublisher(IBus bus, TimeProvider time, ILogger<IntegrationEventPublisher> logger) : SubscriptionBase
{
    public const string SubscriptionName = "integration-publisher";

    /// <summary>The daemon's name for this subscription's one shard, as in its progress table.</summary>
    public const string ShardName = SubscriptionName + ":All";

    public const int BatchSize = 500;

    /// <summary>
    /// How long one attempt may wait for the broker's confirm. Confirms take milliseconds, a few
    /// hundred under heavy load: ten seconds is only ever reached by a confirm that is not coming.
    /// </summary>
    public static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(10);

    private const int PublishConcurrency = 16;

    public static readonly ActivitySource Source = new("SupportPlatform.Inquiry.Publishing");

    private static readonly Meter Meter = new("SupportPlatform.Inquiry.Publishing");
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("inquiry.events.published", "{message}", "Integration messages published from the event log");
    private static readonly Counter<long> Retried = Meter.CreateCounter<long>("inquiry.events.publish.retries", "{attempt}", "Publish attempts that failed or timed out and were tried again");
    private static readonly Histogram<double> PublishLag = Meter.CreateHistogram<double>("inquiry.events.publish.lag", "ms", "Time from an event's append to its publication");

    private readonly ResiliencePipeline<bool> untilConfirmed = new ResiliencePipelineBuilder<bool>()
        .AddRetry(new RetryStrategyOptions<bool>
        {
            // Until it goes through or the daemon stops us: the broker may be away for minutes.
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(15),
            ShouldHandle = new PredicateBuilder<bool>().Handle<Exception>(e => e is not OperationCanceledException),
            OnRetry = retry =>
            {
                var (type, sequence) = retry.Context.Properties.GetValue(EventKey, default);
                Retried.Add(1, new KeyValuePair<string, object?>("type", type));
                LogPublishFailed(logger, type ?? "?", sequence, retry.AttemptNumber + 1, retry.Outcome.Exception?.Message ?? "");
                return ValueTask.CompletedTask;
            },
        })
        .AddTimeout(ConfirmTimeout)
        .Build();

    private static readonly ResiliencePropertyKey<(string? Type, long Sequence)> EventKey = new("event");

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

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(EventKey, (stored.EventType.Name, stored.Sequence));
        try
        {
            await untilConfirmed.ExecuteAsync(
                static async (attempt, state) =>
                {
                    // WaitAsync: the attempt's token reaches no confirm wait inside MassTransit (see above).
                    await state.bus.Publish(state.message, state.message.GetType(), send => send.MessageId = state.id, attempt.CancellationToken)
                        .WaitAsync(attempt.CancellationToken);
                    return true;
                },
                context,
                (bus, message, id: stored.Id));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

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

    [LoggerMessage(LogLevel.Warning, "Publishing {EventType} (sequence {Sequence}) failed or was not confirmed on attempt {Attempt}; trying again: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string eventType, long sequence, int attempt, string reason);
}
