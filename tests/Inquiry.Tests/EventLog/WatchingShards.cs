using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportPlatform.Inquiry.EventLog;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.EventLog;

/// <summary>The watchdog's judgement of one shard, observation by observation, and what /health makes of it.</summary>
public sealed class WatchingShards
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static ShardWatch Observe(ShardWatch? previous, long sequence, long target, int second) =>
        ShardWatch.Observe(previous, "integration-publisher:All", sequence, target, T0.AddSeconds(second));

    [Fact]
    public void A_shard_behind_and_not_moving_past_the_bound_is_stalled()
    {
        var watch = Observe(Observe(null, 100, 100, 0), 100, 250, 5);
        watch = Observe(watch, 100, 400, 20);

        Assert.False(watch.IsStalled(T0.AddSeconds(35), Bound));
        Assert.True(watch.IsStalled(T0.AddSeconds(36), Bound));
        Assert.Equal(300, watch.Lag);
    }

    [Fact]
    public void A_shard_that_moves_while_catching_up_is_never_stalled()
    {
        var watch = Observe(null, 0, 10_000, 0);
        for (var second = 10; second <= 300; second += 10)
        {
            watch = Observe(watch, second * 10, 10_000, second);
            Assert.False(watch.IsStalled(T0.AddSeconds(second), Bound));
        }
    }

    [Fact]
    public void A_caught_up_shard_is_never_stalled_however_long_it_waits()
    {
        var watch = Observe(Observe(null, 500, 500, 0), 500, 500, 3600);

        Assert.Equal(TimeSpan.Zero, watch.StalledFor(T0.AddHours(2)));
    }

    [Fact]
    public void A_restart_gets_a_whole_bound_before_the_next_one_and_the_stall_stays_visible()
    {
        var watch = Observe(Observe(null, 100, 100, 0), 100, 200, 1);
        Assert.True(watch.NeedsRestart(T0.AddSeconds(32), Bound));

        watch = watch.Restarted(T0.AddSeconds(32));
        Assert.False(watch.NeedsRestart(T0.AddSeconds(50), Bound));
        Assert.True(watch.IsStalled(T0.AddSeconds(50), Bound));
        Assert.True(watch.NeedsRestart(T0.AddSeconds(63), Bound));

        watch = Observe(watch, 150, 200, 64);
        Assert.False(watch.IsStalled(T0.AddSeconds(90), Bound));
        Assert.Equal((T0.AddSeconds(32), 1), (watch.RestartedAt, watch.Restarts));
    }

    [Fact]
    public async Task Health_is_degraded_while_a_shard_is_stalled_and_healthy_once_it_moves()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var state = new EventLogState(services.GetRequiredService<IMeterFactory>(), new EventLogWatchSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        var health = new EventLogHealthCheck(state);
        var now = TimeProvider.System.GetUtcNow();

        state.Observe("queue:All", 10, 10, now);
        state.Observe("queue:All", 10, 40, now);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var degraded = await health.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("queue:All stuck 30 behind", degraded.Description);

        state.Observe("queue:All", 40, 40, TimeProvider.System.GetUtcNow());
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
    }
}
