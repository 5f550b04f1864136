using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.EventStore;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.Inquiries;

namespace SupportPlatform.Inquiry.Retention.Holding;

public sealed record LegalHoldRequest(string? Reason);

public sealed record LegalHoldStatus(Guid InquiryId, bool OnHold, long Version);

/// <summary>
/// Placing and releasing a legal hold. Compliance acts on the inquiry as it is now rather than on a
/// version it saw (no If-Match): a hold must not fail because an agent replied meanwhile, so a lost
/// append race is decided again on the new state.
/// </summary>
public static class LegalHold
{
    public const int MaxReason = 500;
    private const int Attempts = 3;

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
        Guid id, LegalHoldRequest? request, HttpContext http, InquiryStreams streams, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request?.Reason, MaxReason, required: true);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var officer = http.User.Member();
        return await ExecuteAsync(id, http, streams, loggers, "place", state => InquiryDecisions.PlaceLegalHold(state, officer, reason!, time.GetUtcNow()), cancellationToken);
    }

    private static async Task<Results<Ok<LegalHoldStatus>, ValidationProblem, ProblemHttpResult>> Release(
        Guid id, HttpContext http, InquiryStreams streams, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var officer = http.User.Member();
        return await ExecuteAsync(id, http, streams, loggers, "release", state => InquiryDecisions.ReleaseLegalHold(state, officer, time.GetUtcNow()), cancellationToken);
    }

    private static async Task<Results<Ok<LegalHoldStatus>, ValidationProblem, ProblemHttpResult>> ExecuteAsync(
        Guid id, HttpContext http, InquiryStreams streams, ILoggerFactory loggers, string action, Func<InquiryState?, Decision> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var inquiry = await streams.LoadAsync(id, cancellationToken);
            var decision = decide(inquiry?.State);
            if (decision.Error is { } error)
            {
                return Problems.From(error);
            }

            try
            {
                var version = await streams.AppendAsync(id, inquiry!.Version, decision.Events, cancellationToken);
                loggers.CreateLogger(typeof(LegalHold)).LogInformation(
                    "Compliance officer {StaffId} did legal hold {Action} on inquiry {InquiryId} (version {Version})", http.User.Member().Id, action, id, version);
                http.Response.SetETag(version);
                return TypedResults.Ok(new LegalHoldStatus(id, decision.Events.Aggregate((InquiryState?)inquiry.State, InquiryState.Evolve)!.OnHold, version));
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // Someone appended (or purged) meanwhile: decide again on what is there now.
            }
        }
    }
}
