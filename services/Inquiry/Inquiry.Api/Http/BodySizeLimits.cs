using Microsoft.AspNetCore.Http.Features;

namespace SupportPlatform.Inquiry.Http;

/// <summary>The largest request body an endpoint accepts.</summary>
public sealed record BodySizeLimit(long Bytes);

/// <summary>
/// Enforces per-endpoint body limits in the service itself rather than relying on Kestrel alone:
/// a declared Content-Length over the limit is refused before anything is read (413 problem
/// details), and the server's own limit is lowered for chunked bodies where the server supports it.
/// </summary>
public static class BodySizeLimits
{
    public const long Default = 64 * 1024;

    public static TBuilder WithBodySizeLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodySizeLimit(bytes));

    public static IApplicationBuilder UseBodySizeLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<BodySizeLimit>()?.Bytes ?? Default;
        if (context.Request.ContentLength > limit)
        {
            await TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"This endpoint accepts at most {limit} bytes.").ExecuteAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    });
}
