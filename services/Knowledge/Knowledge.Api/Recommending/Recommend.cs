using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.ServiceDefaults.Http;

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
        var errors = new FieldErrors();
        var count = limit ?? 5;
        if (count is < 1 or > Recommendations.MaxLimit)
        {
            errors.Add("limit", $"Between 1 and {Recommendations.MaxLimit}.");
        }

        if (text?.Length > Recommendations.MaxTextLength)
        {
            errors.Add("text", $"At most {Recommendations.MaxTextLength} characters.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var shown = Recommendations.Show(index.Current, text, count);
        return TypedResults.Ok(shown.Hits.Select(hit => Recommendations.ToRecommendation(hit, shown.PossiblyRelated)).ToArray());
    }
}
