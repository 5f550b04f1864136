using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.Answering;

public sealed record ReplyRequest(string? Body);

public static class Answer
{
    public const int MaxBody = 20_000;

    public static RouteGroupBuilder MapAnswer(this RouteGroupBuilder agent)
    {
        agent.MapPost("/{id:guid}/replies", Handle)
            .WithBodySizeLimit(128 * 1024)
            .WithName("ReplyToInquiry")
            .WithSummary("Replies to the customer (emailed to them). If-Match: the inquiry's ETag.");
        return agent;
    }

    private static async Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, ReplyRequest request, HttpContext http, AgentCommands commands, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var body = errors.Text("body", request.Body, MaxBody, required: true);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var replyId = Guid.CreateVersion7();
        var agent = http.User.Member();
        return await commands.ExecuteAsync(
            id, http, "reply",
            (state, key, now) => InquiryDecisions.Reply(state, new ReplyToCustomer(replyId, key.Seal(id, body!), agent), now),
            replyId, cancellationToken);
    }
}
