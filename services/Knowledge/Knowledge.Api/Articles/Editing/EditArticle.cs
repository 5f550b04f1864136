using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.Knowledge.Feedback;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Articles.Editing;

public sealed record EditArticleRequest(string? Title, string? Category, string[]? Products, string? Body);

/// <summary>
/// <c>PUT /api/staff/articles/{slug}</c>: new content, kept as the next revision. <c>If-Match</c>
/// must carry the revision the editor started from (the <c>ETag</c> of the staff GET): 428 without
/// it, 412 when someone else's edit came first, so two editors never silently overwrite each other.
/// </summary>
public static class EditArticle
{
    public static RouteGroupBuilder MapEditArticle(this RouteGroupBuilder staff)
    {
        staff.MapPut("/articles/{slug}", Handle)
            .WithName("EditArticle")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
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
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "If-Match required",
                detail: "Send the article's ETag (its revision) in If-Match, so that an edit never overwrites one you have not seen.");
        }

        var errors = new FieldErrors();
        int? expected = null;
        if (VersionTags.TryParseIfMatch(ifMatch, out var revision) == true && revision <= int.MaxValue)
        {
            expected = (int)revision;
        }
        else
        {
            errors.Add("If-Match", "The article's revision number as its ETag gives it, e.g. \"3\".");
        }

        var catalog = await store.CatalogAsync(cancellationToken);
        var (category, products) = ArticleRules.ValidateContent(request.Title, request.Body, request.Category, request.Products, catalog, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
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
        response.SetVersionTag(article.Revision);
        return TypedResults.Ok(ArticleViews.From(article, await feedback.CountsAsync(article.Id, cancellationToken)));
    }
}
