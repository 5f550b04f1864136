using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportPlatform.Inquiry.EventLog;

/// <summary>
/// The watchdog's latest view of every shard, read by <c>/health</c>, the metrics (the lag of each
/// shard, the restarts) and the operations endpoint; one per service instance.
/// </summary>
public sealed class EventLogState
{
    public const string MeterName = "SupportPlatform.Inquiry.EventLog";

    private readonly ConcurrentDictionary<string, ShardWatch> shards = new();
    private readonly Counter<long> restarts;

    public EventLogState(IMeterFactory meters, EventLogWatchSettings settings)
    {
        Settings = settings;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(
            "inquiry.eventlog.lag",
            () => shards.Values.Select(s => new Measurement<long>(s.Lag, new KeyValuePair<string, object?>("shard", s.Shard))),
            "{event}",
            "Events a daemon shard is behind the high-water mark (for the high-water mark: behind the newest event)");
        restarts = meter.CreateCounter<long>("inquiry.eventlog.restarts", "{restart}", "Daemon shards restarted by the watchdog after a stall");
    }

    public EventLogWatchSettings Settings { get; }

    public IReadOnlyList<ShardWatch> Shards => [.. shards.Values.OrderBy(s => s.Shard, StringComparer.Ordinal)];

    public void Observe(string shard, long sequence, long target, DateTimeOffset now) =>
        shards.AddOrUpdate(shard, _ => ShardWatch.Observe(null, shard, sequence, target, now), (_, previous) => ShardWatch.Observe(previous, shard, sequence, target, now));

    public IReadOnlyList<ShardWatch> NeedingRestart(DateTimeOffset now) =>
        [.. shards.Values.Where(s => s.NeedsRestart(now, Settings.StallBound))];

    public IReadOnlyList<ShardWatch> Stalled(DateTimeOffset now) =>
        [.. Shards.Where(s => s.IsStalled(now, Settings.StallBound))];

    public void MarkRestarted(string shard, DateTimeOffset now)
    {
        shards.AddOrUpdate(shard, _ => throw new InvalidOperationException($"{shard} was never observed"), (_, previous) => previous.Restarted(now));
        restarts.Add(1, new KeyValuePair<string, object?>("shard", shard));
    }
}

/// <summary><c>/health</c>: Degraded while any shard is stuck behind for longer than the bound.</summary>
public sealed class EventLogHealthCheck(EventLogState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = TimeProvider.System.GetUtcNow();
        var stalled = state.Stalled(now);
        return Task.FromResult(stalled.Count == 0
            ? HealthCheckResult.Healthy("every shard of the event log is moving or caught up")
            : HealthCheckResult.Degraded(string.Join("; ", stalled.Select(s => $"{s.Shard} stuck {s.Lag} behind for {s.StalledFor(now).TotalSeconds:F0} s"))));
    }
}
