using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Retention.Erasing;

public sealed record ErasureRequest(string? Email);

public static class RequestErasure
{
    public static RouteGroupBuilder MapErasureRequests(this RouteGroupBuilder compliance)
    {
        compliance.MapPost("/erasure-requests", Handle)
            .WithName("RequestErasure")
            .WithSummary("Purges every inquiry of the email address now, regardless of deadline; inquiries on legal hold are reported as not erased, with the reason.");
        return compliance;
    }

    private static async Task<Results<Ok<ErasureResult>, ValidationProblem, ProblemHttpResult>> Handle(
        ErasureRequest? request, Erasures erasures, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var email = errors.LookupEmail("email", request?.Email);

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        return await erasures.EraseAsync(email!, cancellationToken) is { } result
            ? TypedResults.Ok(result)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Read model behind",
                detail: "The inquiry index has not caught up with the latest submissions; nothing was erased. Try again shortly.");
    }
}
