using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.Assigning;

/// <summary>Without an assignee, the calling agent takes the inquiry.</summary>
public sealed record AssignRequest(Guid? AssigneeId, string? AssigneeName);

public static class Assign
{
    public static RouteGroupBuilder MapAssign(this RouteGroupBuilder agent)
    {
        agent.MapPost("/{id:guid}/assign", Handle)
            .WithName("AssignInquiry")
            .WithSummary("Assigns the inquiry to an agent (default: the caller). If-Match: the inquiry's ETag.");
        return agent;
    }

    private static async Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, AssignRequest? request, HttpContext http, AgentCommands commands, CancellationToken cancellationToken)
    {
        var caller = http.User.Member();
        var errors = new FieldErrors();
        var name = errors.Text("assigneeName", request?.AssigneeName, 100, required: request?.AssigneeId is not null);
        if (request?.AssigneeId == Guid.Empty)
        {
            errors.Add("assigneeId", "Not a staff id.");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var assignee = request?.AssigneeId is { } assigneeId ? new StaffMember(assigneeId, name!) : caller;
        return await commands.ExecuteAsync(
            id, http, "assign",
            (state, _, now) => InquiryDecisions.Assign(state, new AssignInquiry(assignee, caller), now),
            null, cancellationToken);
    }
}
