using SupportPlatform.Knowledge.Articles;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.Knowledge.Seeding;
using SupportPlatform.ServiceDefaults.Rendering;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>The shipped articles indexed in memory, as the service builds them, without a database.</summary>
public static class SeedIndex
{
    private static readonly Dictionary<string, string> CategoryNames = new()
    {
        ["메일보안장비"] = "mail-security",
        ["이용가이드"] = "usage-guide",
        ["정보공유"] = "security-notice",
    };

    public static SearchIndex Build() => SearchIndex.Build(SeedArticles.Shipped().Select(seed => new IndexedArticle(
        Guid.NewGuid(),
        seed.Slug,
        seed.Title,
        CategoryNames[seed.Category],
        seed.Category,
        seed.Products,
        SafeMarkdown.ToPlainText(seed.Body, MarkdownProfile.Article),
        DateTimeOffset.UnixEpoch)), extras: new IndexExtras(new DomainVocabulary(DomainVocabulary.Shipped()), []));
}
