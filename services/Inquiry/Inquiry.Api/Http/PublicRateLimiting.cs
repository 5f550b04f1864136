using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Http;

/// <summary>
/// Anonymous endpoints get a fixed window of permits per client address per minute
/// (<c>RateLimiting:PublicPermitsPerMinute</c>); over it, 429 problem details with Retry-After.
/// </summary>
public static class PublicRateLimiting
{
    public const string Policy = "public";

    public static IServiceCollection AddPublicRateLimiting(this IServiceCollection services) =>
        services.AddPerClientRateLimit(Policy, "RateLimiting:PublicPermitsPerMinute", (context, _) => new ValueTask(TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: "Too many requests from this address; try again later.").ExecuteAsync(context)));
}
