using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.Prioritising;

/// <summary>One of low, normal, high, urgent (낮음, 보통, 높음, 긴급).</summary>
public sealed record PrioritiseRequest(string? Priority);

public static class Prioritise
{
    public static RouteGroupBuilder MapPrioritise(this RouteGroupBuilder agent)
    {
        agent.MapPost("/{id:guid}/priority", Handle)
            .WithName("PrioritiseInquiry")
            .WithSummary("Sets the priority (low, normal, high, urgent); the SLA targets follow it. If-Match: the inquiry's ETag.");
        return agent;
    }

    /// <summary>The lower-case API name of a priority.</summary>
    public static string NameOf(Priority priority) => priority.ToString().ToLowerInvariant();

    public static Priority? Parse(string? value) =>
        Enum.GetValues<Priority>().Select(p => (Priority?)p).FirstOrDefault(p => NameOf(p!.Value) == value?.Trim().ToLowerInvariant());

    private static async Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, PrioritiseRequest? request, HttpContext http, AgentCommands commands, CancellationToken cancellationToken)
    {
        if (Parse(request?.Priority) is not { } priority)
        {
            return FieldErrors.Problem("priority", "One of low, normal, high, urgent.");
        }

        var agent = http.User.Member();
        return await commands.ExecuteAsync(
            id, http, "prioritise",
            (state, _, now) => InquiryDecisions.Prioritise(state, priority, agent, now),
            null, cancellationToken);
    }
}
