using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Lounge.Apis;

namespace SupportPlatform.Lounge.Pages;

/// <summary>이용가이드: the usage guide is an article of Knowledge's 이용가이드 category, so support staff edit it there.</summary>
public sealed class GuideModel(KnowledgeApi knowledge) : PageModel
{
    public const string GuideSlug = "customer-care-lounge-guide";

    public ArticleView Guide { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await knowledge.ArticleAsync(GuideSlug, cancellationToken) is not { } guide)
        {
            return NotFound();
        }

        Guide = guide;
        return Page();
    }
}
