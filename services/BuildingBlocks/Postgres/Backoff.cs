namespace SupportPlatform.Postgres;

/// <summary>How long to wait before the next try after repeated failures: doubling from a first delay up to a cap.</summary>
public static class Backoff
{
    /// <summary>Doubles from <paramref name="first"/> per failed attempt, capped at <paramref name="max"/>.</summary>
    public static TimeSpan After(int failedAttempts, TimeSpan first, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        // Past 2^20 the cap has long been reached; the clamp keeps the shift from overflowing.
        var factor = 1L << Math.Min(failedAttempts - 1, 20);
        var delay = TimeSpan.FromTicks(Math.Min(first.Ticks * factor, max.Ticks));
        return delay < max ? delay : max;
    }
}
