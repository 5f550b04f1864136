using System.Threading.RateLimiting;

namespace SupportPlatform.ServiceDefaults.Http;

/// <summary>
/// A limiter whose queued waits end, unserved, after <paramref name="longestWait"/>. ASP.NET Core's
/// rate limiting middleware waits for a queued place for as long as the request is not aborted,
/// and <see cref="ConcurrencyLimiter"/> has no timeout of its own: a client that does not give up
/// (a load balancer holds a connection for minutes) would wait unbounded, and a full queue would
/// refuse everyone behind it. A wait that runs out is a failed lease, which the middleware answers
/// as any rejection; one the client aborted still ends as the middleware's cancellation.
/// </summary>
internal sealed class BoundedWaitLimiter(RateLimiter inner, TimeSpan longestWait) : RateLimiter
{
    public override TimeSpan? IdleDuration => inner.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => inner.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(longestWait);
        try
        {
            return await inner.AcquireAsync(permitCount, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WaitedTooLong.Instance;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
    }

    protected override ValueTask DisposeAsyncCore() => inner.DisposeAsync();

    private sealed class WaitedTooLong : RateLimitLease
    {
        public static readonly WaitedTooLong Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.ReasonPhrase.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.ReasonPhrase.Name ? "Waited longer than RequestConcurrency:QueueTimeout." : null;
            return metadata is not null;
        }
    }
}
