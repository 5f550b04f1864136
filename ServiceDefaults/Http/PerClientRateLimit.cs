using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SupportPlatform.ServiceDefaults.Http;

/// <summary>
/// One anonymous client must not use up a service for everyone: a named policy with a fixed window
/// of permits per client address per minute, the address as <see cref="ClientAddresses"/> resolved
/// it (forwarded headers believed from known proxies only). Endpoints opt in by the policy's name.
/// Over the limit the answer is 429 with Retry-After; what else it says is the service's choice
/// (problem details for an API, the status page for a site).
/// </summary>
public static class PerClientRateLimit
{
    public static IServiceCollection AddPerClientRateLimit(
        this IServiceCollection services, string policy, string permitsPerMinuteSetting, Func<HttpContext, CancellationToken, ValueTask> answerRejected)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
            options.AddPolicy(policy, new PerClientPolicy(configuration.GetValue(permitsPerMinuteSetting, 60), answerRejected)));
        return services;
    }

    /// <summary>Retry-After in whole seconds, never below one (a zero would invite an immediate retry).</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The policy answers its own rejections, with 429: the middleware's <c>OnRejected</c> and
    /// <c>RejectionStatusCode</c> belong to the global limiter (<see cref="RequestConcurrency"/>'s 503).
    /// </summary>
    private sealed class PerClientPolicy(int permitsPerMinute, Func<HttpContext, CancellationToken, ValueTask> answerRejected) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (rejected, cancellationToken) =>
        {
            rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                SetRetryAfter(rejected.HttpContext.Response, retryAfter);
            }

            await answerRejected(rejected.HttpContext, cancellationToken);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}
