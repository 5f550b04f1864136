using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Staff;
using SupportPlatform.Agent.Staff.SigningIn;

namespace SupportPlatform.Agent.Pages.Account;

public sealed class LoginModel(SignInManager<StaffMember> signIn, StaffPasswordCheck passwords, AuditLog audit) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "이메일을 입력하세요. (Email is required.)")]
    [EmailAddress(ErrorMessage = "이메일 형식이 아닙니다. (Not an email address.)")]
    [StringLength(254)]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "비밀번호를 입력하세요. (Password is required.)")]
    [StringLength(200)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var check = await passwords.CheckAsync(Email, Password, HttpContext.Connection.RemoteIpAddress);
        switch (check)
        {
            case { Outcome: PasswordCheckOutcome.Throttled, RetryAfter: var retryAfter }:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter!.Value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                Error = "로그인 시도가 너무 많습니다. 잠시 후 다시 시도하세요. (Too many sign-in attempts; try again later.)";
                return Page();
            case { Outcome: PasswordCheckOutcome.LockedOut, Member: { } locked }:
                await audit.RecordAsync(locked.Id, "login.locked-out", cancellationToken: HttpContext.RequestAborted);
                Error = "로그인 실패가 반복되어 계정이 잠겼습니다. 잠시 후 다시 시도하세요. (Account locked after repeated failures; try again later.)";
                return Page();
        }

        if (check is not { Outcome: PasswordCheckOutcome.Succeeded, Member: { } member })
        {
            Error = "이메일 또는 비밀번호가 올바르지 않습니다. (Wrong email or password.)";
            return Page();
        }

        await signIn.SignInAsync(member, isPersistent: false);
        await audit.RecordAsync(member.Id, "login", cancellationToken: HttpContext.RequestAborted);
        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl))
        {
            return LocalRedirect(ReturnUrl);
        }

        return LocalRedirect("/");
    }
}
