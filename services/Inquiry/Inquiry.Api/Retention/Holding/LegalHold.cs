using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.Inquiries;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Retention.Holding;

public sealed record LegalHoldRequest(string? Reason);

/// <summary>
/// Placing and releasing a legal hold. Compliance acts on the inquiry as it is now rather than on a
/// version it saw (no If-Match): a hold must not fail because an agent replied meanwhile, so a lost
/// append race is decided again on the new state.
/// </summary>
public static class LegalHold
{
    public const int MaxReason = 500;

    public static RouteGroupBuilder MapLegalHold(this RouteGroupBuilder compliance)
    {
        compliance.MapPost("/inquiries/{id:guid}/legal-hold", Place)
            .WithName("PlaceLegalHold")
            .WithSummary("Suspends purging of the inquiry (409 when already held). Does not move its retention deadline.");
        compliance.MapDelete("/inquiries/{id:guid}/legal-hold", Release)
            .WithName("ReleaseLegalHold")
            .WithSummary("Releases the hold (409 when not held); a passed deadline makes the inquiry due at the next run.");
        return compliance;
    }

    private static async Task<Results<Ok<LegalHoldStatus>, ValidationProblem, ProblemHttpResult>> Place(
        Guid id, LegalHoldRequest? request, HttpContext http, InquiryCommands commands, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request?.Reason, MaxReason, required: true);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var officer = http.User.Member();
        return await ExecuteAsync(id, http, commands, loggers, "place", (state, now) => InquiryDecisions.PlaceLegalHold(state, officer, reason!, now), cancellationToken);
    }

    private static async Task<Results<Ok<LegalHoldStatus>, ValidationProblem, ProblemHttpResult>> Release(
        Guid id, HttpContext http, InquiryCommands commands, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var officer = http.User.Member();
        return await ExecuteAsync(id, http, commands, loggers, "release", (state, now) => InquiryDecisions.ReleaseLegalHold(state, officer, now), cancellationToken);
    }

    private static async Task<Results<Ok<LegalHoldStatus>, ValidationProblem, ProblemHttpResult>> ExecuteAsync(
        Guid id, HttpContext http, InquiryCommands commands, ILoggerFactory loggers, string action, Func<InquiryState?, DateTimeOffset, Decision> decide, CancellationToken cancellationToken)
    {
        // Decided on the inquiry as it is now; a lost append race (or a purge meanwhile) is decided again.
        var outcome = await commands.ExecuteAsync(id, Expect.Current, decide, cancellationToken);
        if (outcome is not CommandOutcome.Accepted { Version: var version, State: var state })
        {
            return Problems.From(outcome);
        }

        loggers.CreateLogger(typeof(LegalHold)).LogInformation(
            "Compliance officer {StaffId} did legal hold {Action} on inquiry {InquiryId} (version {Version})", http.User.Member().Id, action, id, version);
        http.Response.SetVersionTag(version);
        return TypedResults.Ok(new LegalHoldStatus(id, state.OnHold, version));
    }
}
