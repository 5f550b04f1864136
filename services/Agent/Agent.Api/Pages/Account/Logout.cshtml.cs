using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Staff;

namespace SupportPlatform.Agent.Pages.Account;

/// <summary>
/// Signing out revokes, not just forgets: a new security stamp makes every cookie issued before it
/// fail validation on its next request (the validator checks on every request), so a copied
/// <c>sp_desk</c> cookie replayed after sign-out is refused. This ends the member's desk sessions
/// on every device, which is what a shared-terminal sign-out should do.
/// </summary>
public sealed class LogoutModel(SignInManager<StaffMember> signIn, UserManager<StaffMember> users) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/account/login");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } member)
        {
            await users.UpdateSecurityStampAsync(member);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/account/login");
    }
}
