using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries;

/// <summary>
/// The one way agents change an inquiry: If-Match must name the version the agent saw (428 without
/// it); the command pipeline decides and appends at exactly that version, so of two agents acting
/// on the same version exactly one wins and the other gets 412.
/// </summary>
public sealed class AgentCommands(InquiryCommands commands, DataKeyStore keys, ILogger<AgentCommands> logger)
{
    public async Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> ExecuteAsync(
        Guid inquiryId,
        HttpContext http,
        string action,
        Func<InquiryState, DataKey, DateTimeOffset, Decision> decide,
        Guid? createdId,
        CancellationToken cancellationToken)
    {
        switch (http.Request.TryReadIfMatch(out var expected))
        {
            case null:
                return Problems.IfMatchRequired();
            case false:
                return Problems.Invalid("If-Match", "Send the ETag of the inquiry as it was read, e.g. \"3\".");
        }

        if (await keys.FindAsync(inquiryId, cancellationToken) is not { } key)
        {
            return Problems.InquiryNotFound();
        }

        var outcome = await commands.ExecuteAsync(inquiryId, Expect.At(expected), (state, now) => decide(state!, key, now), cancellationToken);
        if (outcome is not CommandOutcome.Accepted { Version: var version })
        {
            return Problems.From(outcome);
        }

        logger.LogInformation("Agent {AgentId} did {Action} on inquiry {InquiryId} (version {Version})", http.User.Member().Id, action, inquiryId, version);
        http.Response.SetVersionTag(version);
        return TypedResults.Ok(new CommandAccepted(inquiryId, version, createdId));
    }
}
