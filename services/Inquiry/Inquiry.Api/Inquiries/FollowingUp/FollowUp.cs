using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.EventStore;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.FollowingUp;

public sealed record FollowUpRequest(string? Body);

public sealed record FollowUpAccepted(Guid InquiryId, Guid MessageId, long Version);

public static class FollowUpEndpoint
{
    public const int MaxBody = 20_000;
    private const int Attempts = 3;

    public static RouteGroupBuilder MapFollowUp(this RouteGroupBuilder api)
    {
        api.MapPost("/inquiries/{id:guid}/messages", Handle)
            .WithBodySizeLimit(128 * 1024)
            .WithName("FollowUpInquiry")
            .WithSummary("The customer adds a message (needs X-Inquiry-Token).");
        return api;
    }

    private static async Task<Results<Created<FollowUpAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, FollowUpRequest request, HttpRequest http, CustomerAccess access, DataKeyStore keys, InquiryStreams streams,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var body = errors.Text("body", request.Body, MaxBody, required: true);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var messageId = Guid.CreateVersion7();
        // The customer holds no version: a reply landing in between is no conflict for them, so retry on a fresh read.
        for (var attempt = 1; ; attempt++)
        {
            if (await access.OpenAsync(id, http, cancellationToken) is not { } inquiry
                || await keys.FindAsync(id, cancellationToken) is not { } key)
            {
                return Problems.InquiryNotFound();
            }

            var decision = InquiryDecisions.FollowUp(inquiry.State, new FollowUp(messageId, key.Seal(id, body!)), time.GetUtcNow());
            if (decision.Error is { } error)
            {
                return Problems.From(error);
            }

            try
            {
                var version = await streams.AppendAsync(id, inquiry.Version, decision.Events, cancellationToken);
                loggers.CreateLogger(typeof(FollowUpEndpoint)).LogInformation("Customer followed up on inquiry {InquiryId}", id);
                return TypedResults.Created($"/api/inquiries/{id}", new FollowUpAccepted(id, messageId, version));
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // Someone appended first; decide again on the new state.
            }
        }
    }
}
