using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Http;

public static class Problems
{
    /// <summary>The one body for "no such inquiry", also used for a wrong token so that existence is not revealed.</summary>
    public static ProblemHttpResult InquiryNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Inquiry not found", detail: "No inquiry with this id is visible to you.");

    public static ProblemHttpResult StaleVersion(long current) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The inquiry changed",
            detail: $"Someone else changed the inquiry; it is at version {current} now. Reload it and try again.",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = current });

    public static ProblemHttpResult IfMatchRequired() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired,
            title: "If-Match required",
            detail: "Send the inquiry's ETag (its version) in If-Match.");

    public static ProblemHttpResult From(DomainError error) => error == DomainError.NotFound
        ? InquiryNotFound()
        : TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Not possible in the inquiry's current state",
            detail: error.Detail,
            type: $"https://supportplatform.example/problems/{error.Code}");

    /// <summary>The HTTP answer to a command that did not go through.</summary>
    public static ProblemHttpResult From(Inquiries.CommandOutcome outcome) => outcome switch
    {
        Inquiries.CommandOutcome.Stale stale => StaleVersion(stale.CurrentVersion),
        Inquiries.CommandOutcome.Refused refused => From(refused.Error),
        _ => throw new ArgumentException("An accepted command is no problem.", nameof(outcome)),
    };

    public static ValidationProblem Invalid(string field, string message) =>
        FieldErrors.Problem(field, message);
}

public static class Staff
{
    /// <summary>The signed-in staff member, from the Agent service's token (sub and name).</summary>
    public static StaffMember Member(this ClaimsPrincipal user) => new(
        Guid.TryParse(user.FindFirstValue("sub"), out var id) ? id : Guid.Empty,
        user.FindFirstValue("name") ?? user.FindFirstValue("email") ?? "staff");
}
