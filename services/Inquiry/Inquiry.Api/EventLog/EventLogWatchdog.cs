using JasperFx.Events.Daemon;
using MassTransit;
using Npgsql;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Publishing;
using SupportPlatform.Inquiry.Retention;

namespace SupportPlatform.Inquiry.EventLog;

/// <summary>
/// Watches the async daemon from outside: every few seconds it reads each shard's checkpoint (the
/// integration publisher and both read models) against the high-water mark, and the high-water
/// mark against the newest event. A shard behind and not moving for longer than
/// <see cref="EventLogWatchSettings.StallBound"/> is reported on <c>/health</c> (Degraded), logged as
/// an error, counted, and restarted through the daemon — except the publisher while the broker is
/// away, which is waiting, not stuck. Whatever made a shard stop (a publish that never returned, a
/// daemon that gave up on a shard after errors), nothing that got a 201 waits silently for a restart
/// of the service. Real time: the daemon moves in real time, not on the service's business clock.
/// </summary>
public sealed partial class EventLogWatchdog(
    NpgsqlDataSource dataSource,
    IProjectionCoordinator coordinator,
    IBusControl bus,
    EventLogState state,
    ILogger<EventLogWatchdog> logger) : BackgroundService
{
    public const string HighWaterMark = "HighWaterMark";

    public static readonly string[] WatchedShards = [IntegrationEventPublisher.ShardName, QueueProjection.ShardName, RetentionIndexProjection.ShardName, Inquiries.SearchingMessages.MessageSearchIndexer.ShardName];

    private readonly TimeProvider clock = TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(state.Settings.Interval, clock);
        do
        {
            try
            {
                await WatchOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database being away is reported by its own health check; look again next tick.
                LogWatchFailed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task WatchOnceAsync(CancellationToken cancellationToken)
    {
        var (checkpoints, newestEvent) = await ReadProgressAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var highWaterMark = checkpoints.GetValueOrDefault(HighWaterMark);
        state.Observe(HighWaterMark, highWaterMark, newestEvent, now);
        foreach (var shard in WatchedShards)
        {
            state.Observe(shard, checkpoints.GetValueOrDefault(shard), highWaterMark, now);
        }

        var daemon = coordinator.DaemonForMainDatabase();
        foreach (var stalled in state.NeedingRestart(now))
        {
            if (stalled.Shard == IntegrationEventPublisher.ShardName && bus.CheckHealth().Status == BusHealthStatus.Unhealthy)
            {
                continue; // the publisher retries until the broker is back; nothing to restart
            }

            LogStalled(stalled.Shard, stalled.Sequence, stalled.Target, stalled.StalledFor(now).TotalSeconds);
            // Only the replica that holds a shard's leadership lock runs its agent (HotCold, a lock
            // per shard): a standby that started it would run the shard beside its leader (the
            // fault suite's leader-kill saw standbys restart shards their leader was slow on).
            if (!daemon.IsRunning || (stalled.Shard != HighWaterMark && !daemon.CurrentAgents().Any(agent => agent.Name.Identity == stalled.Shard)))
            {
                continue;
            }

            await RestartAsync(daemon, stalled.Shard, cancellationToken);
            state.MarkRestarted(stalled.Shard, now);
        }
    }

    private static async Task RestartAsync(IProjectionDaemon daemon, string shard, CancellationToken cancellationToken)
    {
        if (shard == HighWaterMark)
        {
            await daemon.RestartHighWaterAgentAsync(cancellationToken);
            return;
        }

        // Stopping waits at most 5 s for the page in hand (the daemon's own bound), then drops the agent.
        await daemon.StopAgentAsync(shard, new TimeoutException($"{shard} made no progress while behind; restarted by the watchdog"));
        await daemon.StartAgentAsync(shard, cancellationToken);
    }

    private async Task<(Dictionary<string, long> Checkpoints, long NewestEvent)> ReadProgressAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT name, last_seq_id FROM {InquiryStore.Schema}.mt_event_progression"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT coalesce(max(seq_id), 0) FROM {InquiryStore.Schema}.mt_events"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var checkpoints = new Dictionary<string, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            checkpoints[reader.GetString(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (checkpoints, reader.GetInt64(0));
    }

    [LoggerMessage(LogLevel.Error, "Event log shard {Shard} is stuck at {Sequence} of {Target} for {Seconds:F0} s; restarting it")]
    private partial void LogStalled(string shard, long sequence, long target, double seconds);

    [LoggerMessage(LogLevel.Warning, "Could not read the event log's progress: {Reason}")]
    private partial void LogWatchFailed(string reason);
}

/// <summary><c>EventLog:WatchInterval</c> (default 5 s) and <c>EventLog:StallBound</c> (default 30 s).</summary>
public sealed record EventLogWatchSettings(TimeSpan Interval, TimeSpan StallBound)
{
    public static EventLogWatchSettings From(IConfiguration configuration) => new(
        configuration.GetValue("EventLog:WatchInterval", TimeSpan.FromSeconds(5)),
        configuration.GetValue("EventLog:StallBound", TimeSpan.FromSeconds(30)));
}
