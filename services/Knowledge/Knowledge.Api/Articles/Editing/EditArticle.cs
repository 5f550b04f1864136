using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupportPlatform.Knowledge.Feedback;
using SupportPlatform.Knowledge.Searching;

namespace SupportPlatform.Knowledge.Articles.Editing;

public sealed record EditArticleRequest(string? Title, string? Category, string[]? Products, string? Body);

/// <summary>
/// <c>PUT /api/staff/articles/{slug}</c>: new content, kept as the next revision. An <c>If-Match</c>
/// with the revision the editor started from (the <c>ETag</c> of the staff GET) refuses to overwrite
/// someone else's newer edit.
/// </summary>
public static class EditArticle
{
    public static RouteGroupBuilder MapEditArticle(this RouteGroupBuilder staff)
    {
        staff.MapPut("/articles/{slug}", Handle).WithName("EditArticle");
        return staff;
    }

    public static async Task<Results<Ok<ArticleView>, ValidationProblem, NotFound, ProblemHttpResult>> Handle(
        string slug,
        EditArticleRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user,
        HttpResponse response,
        ArticleStore store,
        FeedbackStore feedback,
        ArticleIndex index,
        TimeProvider time,
        ILogger<ArticleStore> logger,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        int? expected = null;
        if (ifMatch is not null)
        {
            if (int.TryParse(ifMatch.Trim().Trim('"'), out var revision))
            {
                expected = revision;
            }
            else
            {
                errors["If-Match"] = ["The article's revision number as its ETag gives it, e.g. \"3\"."];
            }
        }

        var catalog = await store.CatalogAsync(cancellationToken);
        var (category, products) = ArticleRules.ValidateContent(request.Title, request.Body, request.Category, request.Products, catalog, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var content = new ArticleContent(request.Title!.Trim(), category, products, request.Body!);
        var (outcome, current) = await store.UpdateAsync(slug, content, Staff.Editor(user), time.GetUtcNow(), expected, seedHash: null, cancellationToken);
        switch (outcome)
        {
            case WriteOutcome.NotFound:
                return TypedResults.NotFound();
            case WriteOutcome.Conflict:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status412PreconditionFailed,
                    title: "The article changed meanwhile",
                    detail: $"It is at revision {current}; reload it and apply your edit again.");
        }

        logger.LogInformation("Article {Slug} revised to {Revision} by {Editor}", slug, current, Staff.Editor(user));
        await index.RefreshAsync(cancellationToken);
        var article = (await store.FindAsync(slug, cancellationToken))!;
        response.Headers.ETag = $"\"{article.Revision}\"";
        return TypedResults.Ok(ArticleView.From(article, await feedback.CountsAsync(article.Id, cancellationToken)));
    }
}
