namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// <c>GET /api/operations/event-log</c> (admins): where the integration publisher, each read model
/// and the high-water mark stand against the inquiry event log, as Inquiry's watchdog last saw them.
/// </summary>
public sealed record EventLogProgress
{
    /// <summary>How long a shard may stay behind without moving before it counts as stalled and is restarted.</summary>
    public required TimeSpan StallBound { get; init; }

    public required IReadOnlyList<EventLogShard> Shards { get; init; }
}

/// <param name="Name">The daemon's shard name (<c>integration-publisher:All</c>, <c>queue:All</c>, …, or <c>HighWaterMark</c>).</param>
/// <param name="Sequence">Its checkpoint in the log.</param>
/// <param name="Target">Where it should get to: the high-water mark (for the high-water mark itself: the newest event).</param>
/// <param name="Lag">Events between the two.</param>
/// <param name="StalledSeconds">How long it has been behind without moving.</param>
/// <param name="Stalled">Behind without moving for longer than the bound.</param>
/// <param name="RestartedAt">When the watchdog last restarted it, if ever.</param>
/// <param name="Restarts">How often the watchdog restarted it since the service started.</param>
public sealed record EventLogShard(string Name, long Sequence, long Target, long Lag, double StalledSeconds, bool Stalled, DateTimeOffset? RestartedAt, int Restarts);
