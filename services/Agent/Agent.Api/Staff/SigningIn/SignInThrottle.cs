using System.Net;
using System.Threading.RateLimiting;

namespace SupportPlatform.Agent.Staff.SigningIn;

/// <summary>
/// Sign-in attempts per address (<c>Staff:SignInAttemptsPerAddress</c>, 10) and per client address
/// (<c>Staff:SignInAttemptsPerClient</c>, 100: an office shares one address) in a window of
/// <c>Staff:SignInWindowMinutes</c> (15). Lockout protects a known account after a few wrong
/// passwords; this stops guessing at unknown addresses and spraying one password across many, which
/// lockout cannot see. Per replica, like every limiter here.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> perAddress;
    private readonly PartitionedRateLimiter<string> perClient;

    public SignInThrottle(IConfiguration configuration)
    {
        var window = TimeSpan.FromMinutes(configuration.GetValue("Staff:SignInWindowMinutes", 15));
        perAddress = Limiter(configuration.GetValue("Staff:SignInAttemptsPerAddress", 10), window);
        perClient = Limiter(configuration.GetValue("Staff:SignInAttemptsPerClient", 100), window);
    }

    /// <summary>Null when the attempt may go ahead; else how long to wait.</summary>
    public TimeSpan? Refuses(string email, IPAddress? client)
    {
        using var byClient = perClient.AttemptAcquire(client?.ToString() ?? "unknown");
        if (!byClient.IsAcquired)
        {
            return RetryAfter(byClient);
        }

        using var byAddress = perAddress.AttemptAcquire(email.ToUpperInvariant());
        return byAddress.IsAcquired ? null : RetryAfter(byAddress);
    }

    public void Dispose()
    {
        perAddress.Dispose();
        perClient.Dispose();
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));
}
