using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Feedback.Giving;

public sealed record GiveFeedbackRequest(bool? Helpful, string? SessionId);

/// <summary><c>POST /api/articles/{slug}/feedback</c>: a reader says whether a published article helped.</summary>
public static class GiveFeedback
{
    public static RouteGroupBuilder MapGiveFeedback(this RouteGroupBuilder api)
    {
        api.MapPost("/articles/{slug}/feedback", Handle).WithName("GiveFeedback");
        return api;
    }

    public static async Task<Results<Ok<FeedbackCounts>, ValidationProblem, NotFound>> Handle(
        string slug, GiveFeedbackRequest request, ArticleStore articles, FeedbackStore feedback, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.Helpful is null)
        {
            errors.Add("helpful", "Say true or false.");
        }

        if (request.SessionId is not null && !SessionIds.IsValid(request.SessionId))
        {
            errors.Add("sessionId", SessionIds.Rule);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var article = await articles.FindAsync(slug, cancellationToken);
        if (article is not { IsPublished: true })
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await feedback.RecordAsync(article.Id, request.Helpful!.Value, request.SessionId, time.GetUtcNow(), cancellationToken));
    }
}
