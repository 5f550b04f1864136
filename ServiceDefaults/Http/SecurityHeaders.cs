using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SupportPlatform.ServiceDefaults.Http;

/// <summary>
/// The headers every response carries, error responses included (set when the response starts, so
/// the exception handler's cleared response gets them too). The services answer JSON, files and
/// problem details, never pages: nothing may be sniffed into HTML, framed, or run as script, and
/// since most answers hold personal data, nothing is cached unless an endpoint says otherwise.
/// A page-serving endpoint sets its own Content-Security-Policy and Cache-Control, which are kept.
/// </summary>
public static class SecurityHeaders
{
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
            }

            if (!headers.ContainsKey(HeaderNames.CacheControl))
            {
                headers.CacheControl = "no-store";
            }

            headers.Remove(HeaderNames.Server);
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    });
}
