using System.Threading.RateLimiting;

namespace SupportPlatform.ServiceDefaults.Http;

/// <summary>
/// An in-process limit of <c>permits</c> per key per window, for limits an endpoint checks itself
/// (per address hash, per client) rather than through a rate-limiting policy. Per replica: a
/// guard against abuse, not an exact count.
/// </summary>
public class FixedWindowPerKey(int permits, TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));

    public bool TryAcquire(string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        limiter.Dispose();
        GC.SuppressFinalize(this);
    }
}
