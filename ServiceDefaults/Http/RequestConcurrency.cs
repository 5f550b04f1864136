using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SupportPlatform.ServiceDefaults.Http;

/// <summary>The <c>RequestConcurrency</c> section: how many requests a replica runs at once, and how many wait.</summary>
public sealed class RequestConcurrencyOptions
{
    public const string Section = "RequestConcurrency";

    /// <summary>
    /// Requests that run at once; by default half the PostgreSQL pool (<c>Max Pool Size</c>: 50 of
    /// Npgsql's 100). Always below the pool, so the connections above it stay free for what no
    /// request may starve: Marten's daemon (its leadership locks and shards), the consumers and the
    /// background jobs (the retention job).
    /// </summary>
    public int? Limit { get; set; }

    /// <summary>Requests that wait for one of those places, oldest first; one more is refused at once.</summary>
    public int QueueLimit { get; set; } = 1_000;

    /// <summary>The longest a request waits for a place before it is refused.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// One bound on a replica's concurrent requests, below its connection pool. Under overload every
/// request would otherwise hold a pooled connection, and Marten's daemon could not open one to take
/// or keep its leadership locks, nor the retention job its own (the fault suite's leader-kill saw a
/// survivor take no lock for over 30 s behind "The connection pool has been exhausted"). Past the
/// bound a request waits its turn in memory, where it costs no connection; past the queue, or its
/// wait, it gets 503 problem details with <c>Retry-After</c>, as for a database that cannot be
/// reached.
/// <para>
/// It is ASP.NET Core's rate limiting middleware (<c>app.UseRateLimiter()</c>, placed early) with a
/// global <see cref="ConcurrencyLimiter"/>, so it shares that middleware with the per-client
/// policies (<see cref="PerClientRateLimit"/>), which answer their own rejections. The probes
/// (<c>/health</c>, <c>/alive</c>) are mapped with <c>DisableRateLimiting()</c> and never held back.
/// </para>
/// </summary>
public static class RequestConcurrency
{
    /// <summary>Seconds a refused client is asked to wait.</summary>
    public const string RetryAfterSeconds = "2";

    private static readonly Counter<long> Refused = Telemetry.Meter.CreateCounter<long>(
        "supportplatform.http.requests.refused_busy", "{request}", "Requests refused with 503 because the replica's concurrent-request bound and its queue were full.");

    public static IServiceCollection AddRequestConcurrencyLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestConcurrencyOptions>()
            .Bind(configuration.GetSection(RequestConcurrencyOptions.Section))
            .PostConfigure<IServiceProvider>((o, provider) => o.Limit ??= PoolSizeOf(provider) is { } pool ? Math.Max(1, pool / 2) : DefaultWithoutPool)
            .Validate(o => o.Limit > 0 && o.QueueLimit >= 0 && o.QueueTimeout > TimeSpan.Zero,
                "RequestConcurrency:Limit must be positive, RequestConcurrency:QueueLimit not negative and RequestConcurrency:QueueTimeout positive.")
            .Validate<IServiceProvider>(
                (o, provider) => PoolSizeOf(provider) is not { } pool || o.Limit < pool,
                "RequestConcurrency:Limit must be below the PostgreSQL pool's Max Pool Size, or requests can take every connection the daemon and the background jobs need.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RequestConcurrencyOptions>>((limiting, bound) =>
        {
            var options = bound.Value;
            limiting.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.Get(
                "replica",
                _ => new BoundedWaitLimiter(
                    new ConcurrencyLimiter(new ConcurrencyLimiterOptions
                    {
                        PermitLimit = options.Limit!.Value,
                        QueueLimit = options.QueueLimit,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }),
                    options.QueueTimeout)));
            // Only the global limiter's rejections come here: every endpoint policy answers its own.
            limiting.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiting.OnRejected = (rejected, _) =>
            {
                Refused.Add(1);
                rejected.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
                return new ValueTask(TypedResults.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Service busy",
                    detail: "This replica is serving as many requests as it takes; try again shortly.").ExecuteAsync(rejected.HttpContext));
            };
        });
        return services;
    }

    /// <summary>The bound of a service that has no PostgreSQL pool to stay below.</summary>
    private const int DefaultWithoutPool = 50;

    private static int? PoolSizeOf(IServiceProvider provider) =>
        provider.GetService<NpgsqlDataSource>() is { } dataSource ? new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxPoolSize : null;
}
