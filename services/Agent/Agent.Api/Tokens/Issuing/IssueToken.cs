using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using SupportPlatform.Agent.AccessRecords;
using SupportPlatform.Agent.AccessRecords.Recording;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Staff;
using SupportPlatform.Agent.Staff.SigningIn;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Agent.Tokens.Issuing;

public sealed record TokenRequest(string? Email, string? Password);

/// <summary>
/// <c>POST /api/auth/token</c>: email and password in, a short-lived staff JWT out, for scripts.
/// Wrong passwords count towards the same lockout and throttle as the desk's login form (429 with
/// Retry-After when throttled).
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
        TokenRequest? request, HttpContext http, UserManager<StaffMember> users, StaffPasswordCheck passwords, MemberTokens tokens, AuditLog audit, AccessLog access,
        CancellationToken cancellationToken)
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

        var check = await passwords.CheckAsync(request!.Email!, request.Password!, http.Connection.RemoteIpAddress);
        switch (check)
        {
            case { Outcome: PasswordCheckOutcome.Throttled, RetryAfter: var retryAfter }:
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter!.Value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many sign-in attempts",
                    detail: "Too many attempts for this address or from this client; try again later.");
            case { Outcome: PasswordCheckOutcome.LockedOut, Member: { } locked }:
                await audit.RecordAsync(locked.Id, "token.locked-out", cancellationToken: cancellationToken);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status423Locked,
                    title: "Account locked",
                    detail: "Too many failed attempts; try again later.");
            case { Outcome: PasswordCheckOutcome.Succeeded, Member: { } member }:
                await audit.RecordAsync(member.Id, "token.issued", cancellationToken: cancellationToken);
                var roles = await users.GetRolesAsync(member);
                // A script's token reads inquiries straight from Inquiry's API, past the desk's pages: its issue is the access on record.
                await access.RecordAsync(
                    new Access(member.Id, AccessLog.RolesOf(roles), http.Connection.RemoteIpAddress?.ToString(), AccessActions.TokenIssued), cancellationToken);
                return TypedResults.Ok(tokens.Issue(member, roles));
            default:
                return Refused();
        }
    }

    private static ProblemHttpResult Refused() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Wrong email or password");
}
