using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;

namespace SupportPlatform.Inquiry.Inquiries.Closing;

public static class Close
{
    public static RouteGroupBuilder MapClose(this RouteGroupBuilder agent)
    {
        agent.MapPost("/{id:guid}/close", Handle)
            .WithName("CloseInquiry")
            .WithSummary("Closes the inquiry. If-Match: the inquiry's ETag.");
        return agent;
    }

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, AgentCommands commands, CancellationToken cancellationToken)
    {
        var agent = http.User.Member();
        return commands.ExecuteAsync(id, http, "close", (state, _, now) => InquiryDecisions.Close(state, agent, now), null, cancellationToken);
    }
}
