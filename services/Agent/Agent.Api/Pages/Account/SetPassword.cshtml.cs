using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Staff;

namespace SupportPlatform.Agent.Pages.Account;

/// <summary>Where an invitation link lands: the invited member chooses a password, then signs in.</summary>
public sealed class SetPasswordModel(StaffAccounts accounts, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Member { get; set; }

    [BindProperty(SupportsGet = true)]
    [Required]
    public string Token { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "비밀번호를 입력하세요. (Password is required.)")]
    [StringLength(200, MinimumLength = 12, ErrorMessage = "12자 이상이어야 합니다. (At least 12 characters.)")]
    public string Password { get; set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.SetPasswordAsync(Member, Token, Password);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        await audit.RecordAsync(Member, "password.set", cancellationToken: HttpContext.RequestAborted);
        return LocalRedirect("/account/login");
    }
}
