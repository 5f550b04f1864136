using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Staff;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Agent.Tokens.Issuing;

public sealed record TokenRequest(string? Email, string? Password);

/// <summary>
/// <c>POST /api/auth/token</c>: email and password in, a short-lived staff JWT out, for scripts.
/// Wrong passwords count towards the same lockout as the desk's login form.
/// </summary>
public static class IssueToken
{
    public static IEndpointRouteBuilder MapIssueToken(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/auth/token", Handle)
            .WithName("IssueToken")
            .WithSummary("Exchanges a staff email and password for a short-lived JWT ({ accessToken, expiresAt }).")
            .DisableAntiforgery()
            .AllowAnonymous();
        return routes;
    }

    private static async Task<Results<Ok<IssuedToken>, ValidationProblem, ProblemHttpResult>> Handle(
        TokenRequest? request, UserManager<StaffMember> users, SignInManager<StaffMember> signIn, MemberTokens tokens, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request?.Email) || request.Email.Length > 254)
        {
            errors.Add("email", "Required, at most 254 characters.");
        }

        if (string.IsNullOrEmpty(request?.Password) || request.Password.Length > 200)
        {
            errors.Add("password", "Required, at most 200 characters.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var member = await users.FindByEmailAsync(request!.Email!.Trim());
        if (member is null || member.IsDisabled)
        {
            return Refused();
        }

        var checkedPassword = await signIn.CheckPasswordSignInAsync(member, request.Password!, lockoutOnFailure: true);
        if (checkedPassword.IsLockedOut)
        {
            await audit.RecordAsync(member.Id, "token.locked-out", cancellationToken: cancellationToken);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status423Locked,
                title: "Account locked",
                detail: "Too many failed attempts; try again later.");
        }

        if (!checkedPassword.Succeeded)
        {
            return Refused();
        }

        await audit.RecordAsync(member.Id, "token.issued", cancellationToken: cancellationToken);
        return TypedResults.Ok(tokens.Issue(member, await users.GetRolesAsync(member)));
    }

    private static ProblemHttpResult Refused() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Wrong email or password");
}
