using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.FollowingUp;

public sealed record FollowUpRequest(string? Body);

public sealed record FollowUpAccepted(Guid InquiryId, Guid MessageId, long Version);

public static class FollowUpEndpoint
{
    public const int MaxBody = 20_000;

    public static RouteGroupBuilder MapFollowUp(this RouteGroupBuilder api)
    {
        api.MapPost("/inquiries/{id:guid}/messages", Handle)
            .WithBodySizeLimit(128 * 1024)
            .WithName("FollowUpInquiry")
            .WithSummary("The customer adds a message (needs X-Inquiry-Token).");
        return api;
    }

    private static async Task<Results<Created<FollowUpAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, FollowUpRequest request, HttpRequest http, CustomerAccess access, DataKeyStore keys, InquiryCommands commands,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var body = errors.Text("body", request.Body, MaxBody, required: true);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (await access.OpenAsync(id, http, cancellationToken) is null
            || await keys.FindAsync(id, cancellationToken) is not { } key)
        {
            return Problems.InquiryNotFound();
        }

        var messageId = Guid.CreateVersion7();
        var sealedBody = key.Seal(id, body!);
        // The customer holds no version: a reply landing in between is no conflict for them.
        var outcome = await commands.ExecuteAsync(id, Expect.Current, (state, now) => InquiryDecisions.FollowUp(state, new FollowUp(messageId, sealedBody), now), cancellationToken);
        if (outcome is not CommandOutcome.Accepted { Version: var version })
        {
            return Problems.From(outcome);
        }

        loggers.CreateLogger(typeof(FollowUpEndpoint)).LogInformation("Customer followed up on inquiry {InquiryId}", id);
        return TypedResults.Created($"/api/inquiries/{id}", new FollowUpAccepted(id, messageId, version));
    }
}
