using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.ServiceLevels.Revising;

namespace SupportPlatform.Inquiry.ServiceLevels.Rebuilding;

/// <summary>Asking for a rebuild of the SLA read models with the revision in force, and following it.</summary>
public static class RebuildReadModels
{
    public static RouteGroupBuilder MapRebuildReadModels(this RouteGroupBuilder admin)
    {
        admin.MapPost("/rebuilds", RequestAsync)
            .WithName("RebuildServiceLevelReadModels")
            .WithSummary("Measures the whole history again with the revision in force (the queue's due times, the response times). 202; 409 while one is waiting or running.");
        admin.MapGet("/rebuilds", async (ReadModelRebuilds rebuilds, CancellationToken cancellationToken) => TypedResults.Ok(await rebuilds.StatusAsync(cancellationToken)))
            .WithName("GetServiceLevelRebuilds")
            .WithSummary("The last rebuild asked for, and how far each read model is against the event log.");
        return admin;
    }

    private static async Task<Results<Accepted<ReadModelRebuildStatus>, ProblemHttpResult>> RequestAsync(
        HttpContext http, ReadModelRebuilds rebuilds, ServiceLevelRevisions revisions, CancellationToken cancellationToken)
    {
        var revision = (await revisions.CurrentAsync(cancellationToken))?.Number ?? 0;
        if (await rebuilds.RequestAsync(revision, http.User.Member().Id, cancellationToken) is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "A rebuild is under way", detail: "Wait for the rebuild that is waiting or running to finish.");
        }

        return TypedResults.Accepted("/api/operations/service-levels/rebuilds", await rebuilds.StatusAsync(cancellationToken));
    }
}
