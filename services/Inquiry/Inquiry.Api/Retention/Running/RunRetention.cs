using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Http;

namespace SupportPlatform.Inquiry.Retention.Running;

/// <summary><c>dryRun</c> has no default: an empty body must not purge by accident.</summary>
public sealed record RetentionRunRequest(bool? DryRun);

public static class RunRetention
{
    public static RouteGroupBuilder MapRetentionRuns(this RouteGroupBuilder compliance)
    {
        compliance.MapPost("/retention-runs", Handle)
            .WithName("RunRetention")
            .WithSummary("Runs a retention pass now and returns its summary; with dryRun only counts what would be purged. 409 while another pass runs.");
        return compliance;
    }

    private static async Task<Results<Ok<RetentionRunSummary>, ValidationProblem, ProblemHttpResult>> Handle(
        RetentionRunRequest? request, RetentionPass pass, CancellationToken cancellationToken)
    {
        if (request?.DryRun is not { } dryRun)
        {
            return Problems.Invalid("dryRun", "Required: true to count what would be purged, false to purge.");
        }

        return await pass.RunAsync(dryRun, cancellationToken) is { } summary
            ? TypedResults.Ok(summary)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "A retention run is in progress",
                detail: "Another retention pass is running (on this or another replica); try again when it has finished.");
    }
}
