using SupportPlatform.ServiceDefaults.Rendering;

namespace SupportPlatform.Knowledge.Articles;

public sealed record CategoryRef(string Slug, string Name);

public sealed record FeedbackCounts(long Helpful, long NotHelpful);

/// <summary>An article as readers and staff receive it: metadata, the Markdown and its safe HTML.</summary>
public sealed record ArticleView(
    string Slug,
    string Title,
    CategoryRef Category,
    string[] Products,
    string Status,
    int Revision,
    string Markdown,
    string Html,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    FeedbackCounts Feedback)
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
