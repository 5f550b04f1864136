namespace SupportPlatform.Notification.Deliveries.Sending;

/// <summary>
/// When a deferred delivery is due again. The wait is stored with the delivery and honoured by the
/// <see cref="DeliveryRetryWorker"/> across restarts and replicas, so it is a schedule, not an
/// in-process retry (those use Polly): doubling from a first delay per failed attempt, up to a cap.
/// </summary>
public static class RetrySchedule
{
    public static TimeSpan After(int failedAttempts, TimeSpan first, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        // Past 2^20 the cap has long been reached; the clamp keeps the shift from overflowing.
        var factor = 1L << Math.Min(failedAttempts - 1, 20);
        var delay = TimeSpan.FromTicks(Math.Min(first.Ticks * factor, max.Ticks));
        return delay < max ? delay : max;
    }
}
