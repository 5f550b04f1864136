namespace SupportPlatform.Knowledge.Contracts;

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
    FeedbackCounts Feedback);

/// <summary>One row of <c>GET /api/staff/articles</c>: drafts included.</summary>
public sealed record StaffArticleSummary(string Slug, string Title, string Category, string[] Products, string Status, int Revision, DateTimeOffset UpdatedAt);

/// <summary>One saved edit of <c>GET /api/staff/articles/{slug}/revisions</c>.</summary>
public sealed record RevisionView(int Revision, string Title, string Category, string[] Products, string Editor, DateTimeOffset EditedAt, string Markdown, string Html);

/// <summary>One row of <c>GET /api/categories</c>, with its published article count.</summary>
public sealed record CategoryView(string Slug, string Name, int Articles);
