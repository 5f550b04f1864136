using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.Knowledge.Feedback;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Articles.Creating;

public sealed record CreateArticleRequest(string? Slug, string? Title, string? Category, string[]? Products, string? Body, bool? Publish);

/// <summary><c>POST /api/staff/articles</c>: a new article (a draft unless <c>publish</c>), revision 1.</summary>
public static class CreateArticle
{
    public static RouteGroupBuilder MapCreateArticle(this RouteGroupBuilder staff)
    {
        staff.MapPost("/articles", Handle).WithName("CreateArticle");
        return staff;
    }

    public static async Task<Results<Created<ArticleView>, ValidationProblem, Conflict<HttpValidationProblemDetails>>> Handle(
        CreateArticleRequest request,
        ClaimsPrincipal user,
        ArticleStore store,
        FeedbackStore feedback,
        ArticleIndex index,
        TimeProvider time,
        ILogger<ArticleStore> logger,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        ArticleRules.ValidateSlug(request.Slug, errors);
        var catalog = await store.CatalogAsync(cancellationToken);
        var (category, products) = ArticleRules.ValidateContent(request.Title, request.Body, request.Category, request.Products, catalog, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var content = new ArticleContent(request.Title!.Trim(), category, products, request.Body!);
        var outcome = await store.CreateAsync(request.Slug!, content, request.Publish ?? false, Staff.Editor(user), time.GetUtcNow(), seedHash: null, cancellationToken);
        if (outcome == WriteOutcome.Conflict)
        {
            return TypedResults.Conflict(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["slug"] = ["An article with this slug exists."] })
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Slug taken",
            });
        }

        logger.LogInformation("Article {Slug} created by {Editor}", request.Slug, Staff.Editor(user));
        await index.RefreshAsync(cancellationToken);
        var article = (await store.FindAsync(request.Slug!, cancellationToken))!;
        return TypedResults.Created($"/api/staff/articles/{article.Slug}", ArticleViews.From(article, await feedback.CountsAsync(article.Id, cancellationToken)));
    }
}
