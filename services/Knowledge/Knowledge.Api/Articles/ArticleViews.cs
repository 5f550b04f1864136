using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.ServiceDefaults.Rendering;

namespace SupportPlatform.Knowledge.Articles;

/// <summary>Builds the <see cref="ArticleView"/> contract from a stored article.</summary>
public static class ArticleViews
{
    public static ArticleView From(ArticleRecord article, FeedbackCounts feedback) => new(
        article.Slug,
        article.Title,
        new CategoryRef(article.CategorySlug, article.CategoryName),
        article.Products,
        article.Status,
        article.Revision,
        article.Body,
        SafeMarkdown.ToHtml(article.Body, MarkdownProfile.Article),
        article.CreatedAt,
        article.UpdatedAt,
        article.PublishedAt,
        feedback);
}
