namespace SupportPlatform.Agent.Http;

/// <summary>
/// Headers on every answer: a strict CSP (scripts and styles only from the desk's own static
/// folder, no framing), no MIME sniffing, no referrer, and no-store on everything but static files,
/// since nearly every page shows personal data.
/// </summary>
public static class SecurityHeaders
{
    public const string StaticPrefix = "/static";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!context.Request.Path.StartsWithSegments(StaticPrefix, StringComparison.Ordinal))
            {
                headers.CacheControl = "no-store";
            }
            else
            {
                headers.CacheControl = "public, max-age=3600";
            }

            return next(context);
        });
}
