using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using SupportPlatform.Agent.Staff;

namespace SupportPlatform.Agent.Http;

/// <summary>
/// Pages send an anonymous visitor to the login form; a signed-in member without the role gets a
/// real 403 page (not a redirect that hides the status). API paths answer 401/403 without redirects.
/// A cookie is refused once its member signed out (the security stamp changed) or was disabled.
/// </summary>
public static class DeskCookieEvents
{
    public static CookieAuthenticationEvents Create() => new()
    {
        OnValidatePrincipal = async context =>
        {
            // Setting Events replaces Identity's own handler, so the stamp is checked here: on every
            // request (one read by primary key), because a sign-out must end a copied cookie at once,
            // not after the validator's interval.
            var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<StaffMember>>();
            if (await signIn.ValidateSecurityStampAsync(context.Principal) is not { IsDisabled: false })
            {
                context.RejectPrincipal();
                await signIn.SignOutAsync();
                return;
            }

            // Identity's validator: every ValidationInterval it renews the cookie with current roles.
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        },
        OnRedirectToLogin = context =>
        {
            if (IsApi(context))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        },
        OnRedirectToAccessDenied = async context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            if (IsApi(context))
            {
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                """
                <!doctype html><html lang="ko"><head><meta charset="utf-8"><title>접근 권한 없음 · Forbidden</title>
                <link rel="stylesheet" href="/static/desk.css"></head><body><main class="narrow">
                <h1>접근 권한이 없습니다 <span class="en">403 Forbidden</span></h1>
                <p>이 페이지를 볼 수 있는 역할이 없습니다. 필요하면 관리자에게 요청하세요.</p>
                <p><a href="/">대기열로 돌아가기 (Back to the queue)</a> · <a href="/account/login">다른 계정으로 로그인 (Sign in as someone else)</a></p>
                </main></body></html>
                """);
        },
    };

    private static bool IsApi(RedirectContext<CookieAuthenticationOptions> context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal);
}
