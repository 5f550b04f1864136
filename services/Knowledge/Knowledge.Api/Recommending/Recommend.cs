using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Knowledge.Searching;

namespace SupportPlatform.Knowledge.Recommending;

/// <summary><c>GET /api/recommendations?text=…&amp;limit=5</c>: articles for what the customer is typing (추천 문서).</summary>
public static class Recommend
{
    public static RouteGroupBuilder MapRecommend(this RouteGroupBuilder api)
    {
        api.MapGet("/recommendations", Handle)
            .WithName("Recommend")
            .WithSummary("Published articles for a text being typed (inquiry summary, search box).");
        return api;
    }

    public static Results<Ok<Recommendation[]>, ValidationProblem> Handle(ArticleIndex index, string? text, int? limit)
    {
        var errors = new Dictionary<string, string[]>();
        var count = limit ?? 5;
        if (count is < 1 or > Recommendations.MaxLimit)
        {
            errors["limit"] = [$"Between 1 and {Recommendations.MaxLimit}."];
        }

        if (text?.Length > Recommendations.MaxTextLength)
        {
            errors["text"] = [$"At most {Recommendations.MaxTextLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var hits = Recommendations.Find(index.Current, text, count);
        return TypedResults.Ok(hits.Select(Recommendations.ToRecommendation).ToArray());
    }
}
