using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SupportPlatform.Lounge.Pages.Inquiries;

/// <summary>
/// The confirmation after a submission (post/redirect/get). The receipt travels in TempData — a
/// cookie encrypted by Data Protection — so the token never appears in this page's URL.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SentModel : PageModel
{
    public const string ReceiptKey = "receipt";

    public string Link { get; private set; } = string.Empty;

    public IActionResult OnGet()
    {
        if (TempData[ReceiptKey] is not string receipt || receipt.Split(' ') is not [var id, var token] || !Guid.TryParse(id, out var inquiryId))
        {
            return RedirectToPage("New");
        }

        Link = $"{Request.Scheme}://{Request.Host}{Request.PathBase}{ShowModel.PathOf(inquiryId, token)}";
        return Page();
    }
}
