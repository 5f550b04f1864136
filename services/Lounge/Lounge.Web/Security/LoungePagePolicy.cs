namespace SupportPlatform.Lounge.Security;

/// <summary>
/// What the Lounge's pages need beyond the headers every service sends (ServiceDefaults/Http/SecurityHeaders:
/// nosniff, frame denial, no referrer — private links carry a token in the URL — and no-store unless
/// a response sets its own caching): a page policy that lets scripts, styles, fonts and the
/// recommendations' fetches come only from this site (no inline code anywhere), no powerful browser
/// features, and caching of the static files.
/// </summary>
public static class LoungePagePolicy
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private static readonly string[] StaticFolders = ["/css", "/js"];

    /// <summary>Put after the error handlers, so the error pages they re-execute get the page policy too.</summary>
    public static IApplicationBuilder UseLoungePagePolicy(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (StaticFolders.Any(folder => context.Request.Path.StartsWithSegments(folder, StringComparison.Ordinal)))
        {
            headers.CacheControl = "public, max-age=3600";
        }

        return next(context);
    });
}
