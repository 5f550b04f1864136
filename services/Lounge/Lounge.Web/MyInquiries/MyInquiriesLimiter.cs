using System.Threading.RateLimiting;

namespace SupportPlatform.Lounge.MyInquiries;

/// <summary>
/// 내 문의 sends email to whatever address is typed, so each client address may ask only a few
/// times a minute (<c>Lounge:MyInquiriesPermitsPerMinute</c>); the Inquiry API limits it again per address.
/// </summary>
public sealed class MyInquiriesLimiter(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue("Lounge:MyInquiriesPermitsPerMinute", 5),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(HttpContext context)
    {
        using var lease = limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
