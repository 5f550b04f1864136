using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Lounge.Apis;

namespace SupportPlatform.Lounge.Pages;

public sealed record CategoryFaq(CategoryView Category, IReadOnlyList<ArticleSummary> Articles);

/// <summary>The home: the greeting, the categories, and the FAQ list of the mail-security appliances.</summary>
public sealed class IndexModel(KnowledgeApi knowledge) : PageModel
{
    /// <summary>The category the seed's home lists (메일보안장비).</summary>
    public const string FaqCategory = "mail-security";

    public const int FaqLength = 6;

    public IReadOnlyList<CategoryView> Categories { get; private set; } = [];

    public CategoryFaq? Faq { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Categories = await knowledge.CategoriesAsync(cancellationToken);
        if (Categories.FirstOrDefault(c => c.Slug == FaqCategory) is { } category
            && await knowledge.ArticlesAsync(category.Slug, null, 1, cancellationToken) is { Value: { } page })
        {
            Faq = new CategoryFaq(category, [.. page.Items.Take(FaqLength)]);
        }
    }
}
