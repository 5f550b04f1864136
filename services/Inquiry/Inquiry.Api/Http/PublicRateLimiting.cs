using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SupportPlatform.Inquiry.Http;

/// <summary>
/// Anonymous endpoints get a fixed window of permits per client IP per minute
/// (<c>RateLimiting:PublicPermitsPerMinute</c>); over it, 429 problem details with Retry-After.
/// </summary>
public static class PublicRateLimiting
{
    public const string Policy = "public";

    public static IServiceCollection AddPublicRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var permits = configuration.GetValue("RateLimiting:PublicPermitsPerMinute", 60);
            options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: "Too many requests from this address; try again later.").ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }
}
