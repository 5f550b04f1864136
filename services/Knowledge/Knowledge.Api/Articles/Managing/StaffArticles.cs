using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.Knowledge.Feedback;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Articles.Managing;

/// <summary><c>GET /api/staff/articles?status=</c> and <c>GET /api/staff/articles/{slug}</c>: drafts included, with the revision as <c>ETag</c>.</summary>
public static class StaffArticles
{
    public static RouteGroupBuilder MapStaffArticles(this RouteGroupBuilder staff)
    {
        staff.MapGet("/articles", async Task<Results<Ok<StaffArticleSummary[]>, ValidationProblem>> (string? status, ArticleStore store, CancellationToken cancellationToken) =>
        {
            if (status is not (null or ArticleStatus.Draft or ArticleStatus.Published))
            {
                return FieldErrors.Problem("status", "draft or published.");
            }

            var articles = await store.ListAsync(status, cancellationToken);
            return TypedResults.Ok(articles
                .Select(a => new StaffArticleSummary(a.Slug, a.Title, a.CategoryName, a.Products, a.Status, a.Revision, a.UpdatedAt))
                .ToArray());
        }).WithName("ListStaffArticles");

        staff.MapGet("/articles/{slug}", async Task<Results<Ok<ArticleView>, NotFound>> (string slug, HttpResponse response, ArticleStore store, FeedbackStore feedback, CancellationToken cancellationToken) =>
        {
            var article = await store.FindAsync(slug, cancellationToken);
            if (article is null)
            {
                return TypedResults.NotFound();
            }

            response.SetVersionTag(article.Revision);
            return TypedResults.Ok(ArticleViews.From(article, await feedback.CountsAsync(article.Id, cancellationToken)));
        }).WithName("GetStaffArticle");
        return staff;
    }
}
