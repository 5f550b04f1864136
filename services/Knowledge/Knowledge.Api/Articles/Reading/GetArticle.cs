using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.Knowledge.Feedback;

namespace SupportPlatform.Knowledge.Articles.Reading;

/// <summary><c>GET /api/articles/{slug}</c>: a published article with its rendered HTML; drafts do not exist for the public.</summary>
public static class GetArticle
{
    public static RouteGroupBuilder MapGetArticle(this RouteGroupBuilder api)
    {
        api.MapGet("/articles/{slug}", Handle).WithName("GetArticle");
        return api;
    }

    public static async Task<Results<Ok<ArticleView>, NotFound>> Handle(string slug, ArticleStore articles, FeedbackStore feedback, CancellationToken cancellationToken)
    {
        var article = await articles.FindAsync(slug, cancellationToken);
        if (article is not { IsPublished: true })
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(ArticleViews.From(article, await feedback.CountsAsync(article.Id, cancellationToken)));
    }
}
