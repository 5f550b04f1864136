using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.ReceivingEmails;

public sealed record ResolveHeldEmailRequest(bool? Accept);

/// <summary>
/// <c>POST /api/agent/inquiries/{id}/held-emails/{messageId}</c>: an agent accepts a held email as
/// the customer's message (it joins the thread, channel email) or discards it. If-Match: the ETag.
/// </summary>
public static class ResolveHeldEmailEndpoint
{
    public static RouteGroupBuilder MapResolveHeldEmail(this RouteGroupBuilder agent)
    {
        agent.MapPost("/{id:guid}/held-emails/{messageId:guid}", Handle)
            .WithBodySizeLimit(1024)
            .WithName("ResolveHeldEmail")
            .WithSummary("Accepts a held email as the customer's message, or discards it. If-Match: the inquiry's ETag.");
        return agent;
    }

    private static async Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Guid messageId, ResolveHeldEmailRequest request, HttpContext http, InquiryStreams streams, AgentCommands commands, CancellationToken cancellationToken)
    {
        if (request.Accept is not { } accept)
        {
            return Problems.Invalid("accept", "Say true (accept as the customer's message) or false (discard).");
        }

        var events = (await streams.LoadAsync(id, cancellationToken))?.Events ?? [];
        var held = events.OfType<CustomerEmailHeld>().FirstOrDefault(e => e.MessageId == messageId);
        var resolved = events.OfType<HeldEmailResolved>().Any(e => e.MessageId == messageId);
        var agent = http.User.Member();
        return await commands.ExecuteAsync(
            id, http, accept ? "held-email.accept" : "held-email.discard",
            (state, _, now) => InquiryDecisions.ResolveHeldEmail(state, held, resolved, accept, agent, now),
            accept ? messageId : null, cancellationToken);
    }
}
