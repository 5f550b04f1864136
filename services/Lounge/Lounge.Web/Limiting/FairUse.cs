using SupportPlatform.Lounge.Apis;
using SupportPlatform.ServiceDefaults.Http;

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

    public static IServiceCollection AddFairUse(this IServiceCollection services) =>
        // No body: the status code pages show /error/429.
        services.AddPerClientRateLimit(PerVisitor, "Lounge:PermitsPerMinute", (_, _) => ValueTask.CompletedTask);

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
                PerClientRateLimit.SetRetryAfter(context.Response, busy.RetryAfter ?? TimeSpan.FromSeconds(60));
            }
        });
        return app;
    }
}
