using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SupportPlatform.Lounge.Apis;
using SupportPlatform.Lounge.Inquiries;
using SupportPlatform.Lounge.Limiting;

namespace SupportPlatform.Lounge.Pages.Inquiries;

/// <summary>
/// The private link (<c>/inquiries/{id}?token=…</c>, the address Notification's emails carry): the
/// thread with the agents' replies and a reply box. A wrong token and an unknown id look the same.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[EnableRateLimiting(FairUse.PerVisitor)]
public sealed class ShowModel(InquiryApi inquiries) : PageModel
{
    public InquiryView Inquiry { get; private set; } = null!;

    [FromQuery(Name = "token")]
    public string Token { get; set; } = string.Empty;

    [BindProperty]
    public string? Body { get; set; }

    public string? BodyError { get; private set; }

    public string? ReplyError { get; private set; }

    [TempData]
    public bool ReplySent { get; set; }

    public static string PathOf(Guid inquiryId, string token) => $"/inquiries/{inquiryId}?token={Uri.EscapeDataString(token)}";

    public static string StatusLabel(InquiryView inquiry) => inquiry.Status.ToLowerInvariant() switch
    {
        "closed" => "종료",
        _ when inquiry.Messages.Any(m => m.Author == "agent") && string.Equals(inquiry.WaitingOn, "customer", StringComparison.OrdinalIgnoreCase) => "답변 완료",
        _ => "접수",
    };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await inquiries.FollowUpAsync(id, Token, Body, cancellationToken);
        if (result.Succeeded)
        {
            ReplySent = true;
            return Redirect(PathOf(id, Token));
        }

        if (result.Status == HttpStatusCode.NotFound)
        {
            return NotFound();
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        BodyError = result.Problem!.Errors.TryGetValue("body", out var messages) && messages.Length > 0
            ? FieldMessages.ToKorean("body", messages[0])
            : null;
        ReplyError = BodyError is null ? "보내지 못했습니다. 잠시 후 다시 시도해 주세요." : null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await inquiries.GetAsync(id, Token, cancellationToken) is not { } inquiry)
        {
            return false;
        }

        Inquiry = inquiry;
        return true;
    }
}
