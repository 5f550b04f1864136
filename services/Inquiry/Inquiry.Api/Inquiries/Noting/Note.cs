using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.Noting;

public sealed record NoteRequest(string? Body);

public static class Note
{
    public const int MaxBody = 20_000;

    public static RouteGroupBuilder MapNote(this RouteGroupBuilder agent)
    {
        agent.MapPost("/{id:guid}/notes", Handle)
            .WithBodySizeLimit(128 * 1024)
            .WithName("AddInternalNote")
            .WithSummary("Adds an internal note, never shown to the customer. If-Match: the inquiry's ETag.");
        return agent;
    }

    private static async Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, NoteRequest request, HttpContext http, AgentCommands commands, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var body = errors.Text("body", request.Body, MaxBody, required: true);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var noteId = Guid.CreateVersion7();
        var agent = http.User.Member();
        return await commands.ExecuteAsync(
            id, http, "note",
            (state, key, now) => InquiryDecisions.AddNote(state, new AddInternalNote(noteId, key.Seal(id, body!), agent), now),
            noteId, cancellationToken);
    }
}
