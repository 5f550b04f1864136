using SupportPlatform.Lounge.Apis;

namespace SupportPlatform.Lounge.Recommending;

/// <param name="PossiblyRelated">Shown under Knowledge's softer line: the form titles the list "관련 있을 수 있는 문서".</param>
public sealed record RecommendedArticle(string Slug, string Title, string Category, string Snippet, string Url, bool PossiblyRelated);

/// <summary>
/// <c>GET /recommendations?text=</c>: what the inquiry form's script shows under 문의 요약. The
/// browser talks to this site only (CSP connect-src 'self'); the site asks Knowledge and reports
/// each shown article to the deflection funnel under the visitor's anonymous session.
/// </summary>
public static class RecommendationsEndpoint
{
    public const int Limit = 5;

    public static IEndpointRouteBuilder MapRecommendations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/recommendations", Handle);
        return app;
    }

    private static async Task<IResult> Handle(string? text, HttpContext context, KnowledgeApi knowledge, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!RecommendationText.IsWorthAsking(text))
        {
            return TypedResults.Ok(Array.Empty<RecommendedArticle>());
        }

        var found = await knowledge.RecommendAsync(text!.Trim(), Limit, cancellationToken);
        var session = RecommendationSessions.Ensure(context);
        var tracking = found.Select(r => knowledge.TrackAsync(session, "shown", r.Slug, cancellationToken));
        var tracked = await Task.WhenAll(tracking);
        if (tracked.FirstOrDefault(r => !r.Succeeded) is { Problem: { } problem })
        {
            // The funnel is statistics: a failed report must not cost the visitor the recommendations.
            loggers.CreateLogger(typeof(RecommendationsEndpoint)).LogWarning("Knowledge refused a funnel event: {Status} {Title}", problem.Status, problem.Title);
        }

        return TypedResults.Ok(found.Select(r => new RecommendedArticle(
            r.Slug, r.Title, r.Category, r.Snippet, $"/articles/{Uri.EscapeDataString(r.Slug)}?from=recommendation", r.PossiblyRelated)).ToArray());
    }
}
