namespace SupportPlatform.Inquiry.EventLog;

/// <summary>
/// What the watchdog knows of one of the daemon's shards (or of the high-water mark itself): where
/// it is, where it should get to, since when it has been behind without moving, and when it was last
/// restarted (and how often). Pure: the watchdog feeds it one observation at a time.
/// </summary>
public sealed record ShardWatch(string Shard, long Sequence, long Target, DateTimeOffset BehindSince, DateTimeOffset? RestartedAt = null, int Restarts = 0)
{
    public long Lag => Math.Max(0, Target - Sequence);

    /// <summary>How long the shard has been behind its target without its checkpoint moving; zero when caught up.</summary>
    public TimeSpan StalledFor(DateTimeOffset now) => Lag == 0 ? TimeSpan.Zero : now - BehindSince;

    public bool IsStalled(DateTimeOffset now, TimeSpan bound) => StalledFor(now) > bound;

    /// <summary>Stalled, and not restarted within the last bound (a restart gets time to take effect).</summary>
    public bool NeedsRestart(DateTimeOffset now, TimeSpan bound) =>
        IsStalled(now, bound) && (RestartedAt is not { } restarted || now - restarted > bound);

    /// <summary>
    /// The next state after observing <paramref name="sequence"/> against <paramref name="target"/>.
    /// The stall clock starts over whenever the checkpoint moves or was caught up at the last look,
    /// so a shard that is busy catching up is never taken for a stuck one.
    /// </summary>
    public static ShardWatch Observe(ShardWatch? previous, string shard, long sequence, long target, DateTimeOffset now) =>
        previous is null ? new ShardWatch(shard, sequence, target, now)
        : previous.Sequence != sequence || previous.Lag == 0 ? previous with { Sequence = sequence, Target = target, BehindSince = now }
        : previous with { Target = target };

    public ShardWatch Restarted(DateTimeOffset now) => this with { RestartedAt = now, Restarts = Restarts + 1 };
}
