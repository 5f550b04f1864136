using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Lounge.Apis;

namespace SupportPlatform.Lounge.Pages.Categories;

public sealed class ShowModel(KnowledgeApi knowledge) : PageModel
{
    public CategoryView Category { get; private set; } = null!;

    public ArticlePage Articles { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] int? page, CancellationToken cancellationToken)
    {
        var categories = await knowledge.CategoriesAsync(cancellationToken);
        if (categories.FirstOrDefault(c => c.Slug == slug) is not { } category)
        {
            return NotFound();
        }

        var result = await knowledge.ArticlesAsync(slug, null, Math.Clamp(page ?? 1, 1, 500), cancellationToken);
        if (result.Value is not { } articles)
        {
            return NotFound();
        }

        (Category, Articles) = (category, articles);
        return Page();
    }
}
