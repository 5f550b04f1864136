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
        {
            var permits = configuration.GetValue(permitsPerMinuteSetting, 60);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    SetRetryAfter(rejected.HttpContext.Response, retryAfter);
                }

                await answerRejected(rejected.HttpContext, cancellationToken);
            };
        });
        return services;
    }

    /// <summary>Retry-After in whole seconds, never below one (a zero would invite an immediate retry).</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
