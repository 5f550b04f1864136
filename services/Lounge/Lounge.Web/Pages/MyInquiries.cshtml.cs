using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SupportPlatform.Lounge.Apis;
using SupportPlatform.Lounge.Inquiries;
using SupportPlatform.Lounge.Limiting;
using SupportPlatform.Lounge.MyInquiries;
using SupportPlatform.ServiceDefaults.Clients;

namespace SupportPlatform.Lounge.Pages;

/// <summary>
/// 내 문의: the links to one's inquiries, by email. The page says the same whether the address has
/// inquiries or not, so it cannot be used to learn who wrote to support.
/// </summary>
[EnableRateLimiting(FairUse.PerVisitor)]
public sealed class MyInquiriesModel(InquiryApi inquiries, MyInquiriesLimiter limiter) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [TempData]
    public bool Requested { get; set; }

    public string? EmailError { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            EmailError = "이메일 주소를 입력해 주세요.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!limiter.TryAcquire(HttpContext))
        {
            return TooMany();
        }

        var result = await inquiries.RequestLinksAsync(Email, cancellationToken);
        if (result.Succeeded)
        {
            Requested = true;
            return RedirectToPage();
        }

        switch (result.Problem!)
        {
            case { Status: HttpStatusCode.TooManyRequests }:
                return TooMany();
            case { Status: HttpStatusCode.BadRequest } problem when problem.Errors.TryGetValue("email", out var messages) && messages.Length > 0:
                EmailError = FieldMessages.ToKorean("email", messages[0]);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                Error = "지금은 요청을 처리할 수 없습니다. 잠시 후 다시 시도해 주세요.";
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Page();
        }
    }

    private PageResult TooMany()
    {
        Error = "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.";
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Page();
    }
}
