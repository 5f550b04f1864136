using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Knowledge.Articles.Searching;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.Knowledge.Feedback;
using SupportPlatform.Knowledge.Recommending;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Articles.Managing;

/// <summary>
/// <c>GET /api/staff/articles?status=&amp;q=</c> and <c>GET /api/staff/articles/{slug}</c>: drafts included,
/// with the revision as <c>ETag</c>. With <c>q</c>, the published articles the search page would list,
/// best first (at most <see cref="MaxFound"/>): how the desk finds an article to put into a reply.
/// </summary>
public static class StaffArticles
{
    public const int MaxFound = 10;

    public static RouteGroupBuilder MapStaffArticles(this RouteGroupBuilder staff)
    {
        staff.MapGet("/articles", async Task<Results<Ok<StaffArticleSummary[]>, ValidationProblem>> (string? status, string? q, ArticleStore store, ArticleIndex index, CancellationToken cancellationToken) =>
        {
            var errors = new FieldErrors();
            if (status is not (null or ArticleStatus.Draft or ArticleStatus.Published))
            {
                errors.Add("status", "draft or published.");
            }

            if (q?.Length > Recommendations.MaxTextLength)
            {
                errors.Add("q", $"At most {Recommendations.MaxTextLength} characters.");
            }
            else if (!string.IsNullOrWhiteSpace(q) && status == ArticleStatus.Draft)
            {
                errors.Add("q", "A search finds published articles only.");
            }

            if (errors.Any)
            {
                return errors.ToProblem();
            }

            if (string.IsNullOrWhiteSpace(q))
            {
                var articles = await store.ListAsync(status, cancellationToken);
                return TypedResults.Ok(articles.Select(Summary).ToArray());
            }

            var hits = index.Current.Search(q, 0, MaxFound, SearchArticles.Listing).Hits;
            var published = (await store.ListAsync(ArticleStatus.Published, cancellationToken)).ToDictionary(a => a.Slug, StringComparer.Ordinal);
            return TypedResults.Ok(hits
                .Select(hit => published.GetValueOrDefault(hit.Article.Slug))
                .OfType<ArticleRecord>()
                .Select(Summary)
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

    private static StaffArticleSummary Summary(ArticleRecord a) => new(a.Slug, a.Title, a.CategoryName, a.Products, a.Status, a.Revision, a.UpdatedAt);
}
