using Microsoft.Net.Http.Headers;

namespace SupportPlatform.Agent.Http;

/// <summary>
/// What the desk's pages need beyond the headers every service sends (ServiceDefaults/Http/SecurityHeaders:
/// nosniff, frame denial, no referrer, the API policy and no-store unless a response sets its own):
/// a page policy that lets scripts and styles come only from the desk's static folder, and caching
/// of those static files. Everything else stays no-store, since nearly every page shows personal data.
/// </summary>
public static class DeskPagePolicy
{
    public const string StaticPrefix = "/static";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseDeskPagePolicy(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.Path.StartsWithSegments(StaticPrefix, StringComparison.Ordinal))
            {
                headers.CacheControl = "public, max-age=3600";
            }

            return next(context);
        });
}
