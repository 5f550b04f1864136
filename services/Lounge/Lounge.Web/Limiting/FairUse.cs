using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SupportPlatform.Lounge.Apis;

namespace SupportPlatform.Lounge.Limiting;

/// <summary>
/// One visitor must not use up the APIs for everyone (issue 20, finding 4). The pages that call
/// Inquiry carry <c>[EnableRateLimiting(FairUse.PerVisitor)]</c>: a fixed window of
/// <c>Lounge:PermitsPerMinute</c> (60) per client address, the address as the Lounge sees it
/// (X-Forwarded-For believed from known proxies only: ServiceDefaults' ClientAddresses). Over it,
/// and whenever an API itself answers 429, the visitor gets the 429 page (잠시 후 다시 시도해 주세요)
/// with Retry-After, never a 500.
/// </summary>
public static class FairUse
{
    public const string PerVisitor = "per-visitor";

    public static IServiceCollection AddFairUse(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var permits = configuration.GetValue("Lounge:PermitsPerMinute", 60);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PerVisitor, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = (rejected, _) =>
            {
                // No body: the status code pages show /error/429.
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    SetRetryAfter(rejected.HttpContext.Response, retryAfter);
                }

                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>After routing: the per-visitor limit, and an API's 429 turned into the site's own 429 page.</summary>
    public static WebApplication UseFairUse(this WebApplication app)
    {
        app.UseRateLimiter();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (ApiBusyException busy) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                SetRetryAfter(context.Response, busy.RetryAfter ?? TimeSpan.FromSeconds(60));
            }
        });
        return app;
    }

    private static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
