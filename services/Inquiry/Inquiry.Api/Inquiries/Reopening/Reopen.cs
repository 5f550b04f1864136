using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;

namespace SupportPlatform.Inquiry.Inquiries.Reopening;

public static class Reopen
{
    public static RouteGroupBuilder MapReopen(this RouteGroupBuilder agent)
    {
        agent.MapPost("/{id:guid}/reopen", Handle)
            .WithName("ReopenInquiry")
            .WithSummary("Reopens a closed inquiry. If-Match: the inquiry's ETag.");
        return agent;
    }

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, AgentCommands commands, CancellationToken cancellationToken)
    {
        var agent = http.User.Member();
        return commands.ExecuteAsync(id, http, "reopen", (state, _, now) => InquiryDecisions.Reopen(state, agent, now), null, cancellationToken);
    }
}
