using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SupportPlatform.ServiceDefaults.Http;

/// <summary>
/// Refuses a request body whose Content-Type names a charset .NET cannot decode
/// (<c>application/json; charset=bogus-x</c>) with 415 problem details, before any endpoint reads
/// it. Without this, every JSON endpoint answered 500: <c>ReadFromJsonAsync</c> throws an
/// <see cref="InvalidOperationException"/> for it, which is neither the JSON nor the binding error
/// that <see cref="BadRequestExceptionHandler"/> turns into a 400. Known charsets other than UTF-8
/// are left alone: the JSON reader transcodes them, and forms fall back to UTF-8.
/// </summary>
public static class RequestCharsets
{
    public static IApplicationBuilder UseKnownRequestCharsets(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (UnknownCharsetOf(context.Request.ContentType) is { } charset)
        {
            await TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"The charset \"{Printable(charset)}\" is not one this service can read; send UTF-8.").ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>The charset parameter of <paramref name="contentType"/> when no usable encoding has that name; null when there is none or it is known.</summary>
    public static string? UnknownCharsetOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !mediaType.Charset.HasValue)
        {
            return null;
        }

        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).ToString();
        try
        {
            _ = Encoding.GetEncoding(charset);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            // NotSupportedException: a name .NET knows but refuses to decode (UTF-7, SYSLIB0001).
            return charset;
        }
    }

    private static string Printable(string charset) =>
        charset.Length <= 40 && charset.All(c => c is > ' ' and < '\u007f') ? charset : "(unprintable)";
}
