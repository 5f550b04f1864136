using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Staff;

namespace SupportPlatform.Agent.Pages.Account;

public sealed class LogoutModel(SignInManager<StaffMember> signIn) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/account/login");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/account/login");
    }
}
