using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.Knowledge.Feedback;
using SupportPlatform.Knowledge.Searching;

namespace SupportPlatform.Knowledge.Articles.Publishing;

/// <summary><c>POST /api/staff/articles/{slug}/publish</c> and <c>/unpublish</c>: what readers and recommendations can see.</summary>
public static class PublishArticle
{
    public static RouteGroupBuilder MapPublishArticle(this RouteGroupBuilder staff)
    {
        staff.MapPost("/articles/{slug}/publish", (string slug, ArticleStore store, FeedbackStore feedback, ArticleIndex index, TimeProvider time, ILogger<ArticleStore> logger, CancellationToken cancellationToken) =>
            Handle(slug, true, store, feedback, index, time, logger, cancellationToken)).WithName("PublishArticle");
        staff.MapPost("/articles/{slug}/unpublish", (string slug, ArticleStore store, FeedbackStore feedback, ArticleIndex index, TimeProvider time, ILogger<ArticleStore> logger, CancellationToken cancellationToken) =>
            Handle(slug, false, store, feedback, index, time, logger, cancellationToken)).WithName("UnpublishArticle");
        return staff;
    }

    public static async Task<Results<Ok<ArticleView>, NotFound>> Handle(
        string slug, bool publish, ArticleStore store, FeedbackStore feedback, ArticleIndex index, TimeProvider time, ILogger<ArticleStore> logger, CancellationToken cancellationToken)
    {
        if (await store.SetPublishedAsync(slug, publish, time.GetUtcNow(), cancellationToken) == WriteOutcome.NotFound)
        {
            return TypedResults.NotFound();
        }

        logger.LogInformation("Article {Slug} {Action}", slug, publish ? "published" : "unpublished");
        await index.RefreshAsync(cancellationToken);
        var article = (await store.FindAsync(slug, cancellationToken))!;
        return TypedResults.Ok(ArticleViews.From(article, await feedback.CountsAsync(article.Id, cancellationToken)));
    }
}
