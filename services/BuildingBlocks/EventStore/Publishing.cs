using System.Diagnostics;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SupportPlatform.EventStore;

/// <summary>
/// Turns a stored domain event into the integration message consumers see, or null to keep it
/// private (or when what it needs is gone, e.g. the inquiry was purged before publication).
/// </summary>
public interface IIntegrationEventMapper
{
    /// <summary>One entry per stored event, in order. A batch at a time, so a mapper can fetch what it needs in one query.</summary>
    ValueTask<IReadOnlyList<object?>> ToMessagesAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken);
}

/// <summary>
/// Forwards stored events to the broker by checkpoint: read a batch, publish it (each message's id
/// is the event's id, so consumers' inboxes drop re-sends), then move the checkpoint. A crash
/// between the two re-sends the batch: at-least-once, never lost.
/// </summary>
public sealed class EventLogPublisher(EventStore store, IPublishEndpoint publisher, IIntegrationEventMapper mapper, string name = EventLogPublisher.DefaultName)
{
    public const string DefaultName = "integration-publisher";

    private const int PublishConcurrency = 16;

    public static readonly ActivitySource Source = new("SupportPlatform.EventStore");

    private static readonly Meter Meter = new("SupportPlatform.EventStore");
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("eventstore.published", "{message}", "Integration messages published from the event log");
    private static readonly Histogram<double> PublishLag = Meter.CreateHistogram<double>("eventstore.publish.lag", "ms", "Time from an event's append to its publication");

    public async Task<IReadOnlyList<StoredEvent>> ReadPendingAsync(int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        var checkpoint = await Checkpoints.LoadAsync(connection, null, store.Schema, name, cancellationToken);
        return await store.ReadLogAsync(connection, null, checkpoint, max, cancellationToken);
    }

    public async Task PublishAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
    {
        var messages = await mapper.ToMessagesAsync(events, cancellationToken);
        // Each publish waits for the broker's confirm: overlap them, within a bound.
        await Parallel.ForEachAsync(
            events.Zip(messages).Where(pair => pair.Second is not null),
            new ParallelOptions { MaxDegreeOfParallelism = PublishConcurrency, CancellationToken = cancellationToken },
            async (pair, token) => await PublishOneAsync(pair.First, pair.Second!, token));
    }

    public async Task CommitAsync(LogPosition position, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await Checkpoints.SaveAsync(connection, null, store.Schema, name, position, cancellationToken);
    }

    /// <summary>One read → publish → checkpoint pass; returns how many events it covered.</summary>
    public async Task<int> PublishPendingAsync(int max, CancellationToken cancellationToken = default)
    {
        var events = await ReadPendingAsync(max, cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        await PublishAsync(events, cancellationToken);
        await CommitAsync(events[^1].LogPosition, cancellationToken);
        return events.Count;
    }

    private async Task PublishOneAsync(StoredEvent storedEvent, object message, CancellationToken cancellationToken)
    {
        // Continue the trace of the request that appended the event.
        ActivityContext.TryParse(storedEvent.TraceParent, null, out var parent);
        using var activity = Source.StartActivity($"{storedEvent.Type} publish", ActivityKind.Producer, parent);
        activity?.SetTag("eventstore.position", storedEvent.Position);
        await publisher.Publish(message, message.GetType(), context => context.MessageId = storedEvent.EventId, cancellationToken);
        var tags = new TagList { { "schema", store.Schema }, { "type", storedEvent.Type } };
        Published.Add(1, tags);
        PublishLag.Record((store.Time.GetUtcNow() - storedEvent.Timestamp).TotalMilliseconds, tags);
    }
}

/// <summary>
/// Runs the publisher on exactly one replica: it publishes only while it holds a session advisory
/// lock on a connection of its own; another replica takes over when that connection dies.
/// </summary>
public sealed class EventLogPublisherService(EventStore store, IBus bus, IIntegrationEventMapper mapper, ILogger<EventLogPublisherService> logger) : BackgroundService
{
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LeaseCheckInterval = TimeSpan.FromSeconds(5);
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var publisher = new EventLogPublisher(store, bus, mapper);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var leaseConnection = await store.DataSource.OpenConnectionAsync(stoppingToken);
                if (!await TryTakeLeaseAsync(leaseConnection, stoppingToken))
                {
                    await Task.Delay(LockRetryDelay, stoppingToken);
                    continue;
                }

                logger.LogInformation("Publishing the {Schema} event log to the broker", store.Schema);
                var leaseCheckedAt = Stopwatch.GetTimestamp();
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (Stopwatch.GetElapsedTime(leaseCheckedAt) > LeaseCheckInterval)
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", leaseConnection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                        leaseCheckedAt = Stopwatch.GetTimestamp();
                    }

                    // Only a full batch means more is waiting: otherwise let events gather for a moment,
                    // so a busy log is published in batches rather than a few events per round trip.
                    if (await publisher.PublishPendingAsync(BatchSize, stoppingToken) < BatchSize)
                    {
                        await Task.Delay(IdleDelay, stoppingToken);
                    }

                    failures = 0;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                logger.LogWarning(e, "Event log publishing failed ({Failures} in a row); retrying", failures);
                await Task.Delay(Backoff.For(failures), stoppingToken);
            }
        }
    }

    private async Task<bool> TryTakeLeaseAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext(@key))", connection);
        command.Parameters.AddWithValue("key", $"publisher:{store.Schema}");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
