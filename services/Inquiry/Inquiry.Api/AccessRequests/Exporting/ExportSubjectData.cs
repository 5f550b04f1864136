using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.AccessRecords.RecordingApiReads;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.AccessRequests.Exporting;

public sealed record ExportRequest(string? Email);

public sealed record ExportDownload(string? Key);

/// <summary>
/// <c>POST /api/compliance/exports</c> builds the export of every inquiry of an address (found by
/// its keyed hash) and answers with its id and key; <c>POST /api/compliance/exports/{id}/download</c>
/// with that key hands the ZIP out once. The address is neither stored nor logged.
/// </summary>
public static class ExportSubjectData
{
    public static RouteGroupBuilder MapSubjectExports(this RouteGroupBuilder compliance)
    {
        compliance.MapPost("/exports", Prepare)
            .WithName("PrepareSubjectExport")
            .WithSummary("Builds the access-request export (ZIP: an HTML page and JSON per inquiry, with attachments) of every inquiry of the address; answers { exportId, inquiries, expiresAt, key }. The key is not kept here.");
        compliance.MapPost("/exports/{exportId:guid}/download", Download)
            .WithName("DownloadSubjectExport")
            .WithSummary("The export's ZIP, once: it is deleted as it is handed out. 404 when unknown, expired, taken or the key is wrong.");
        return compliance;
    }

    private static async Task<Results<Ok<PreparedExport>, ValidationProblem, ProblemHttpResult>> Prepare(
        ExportRequest? request, SubjectExports exports, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var email = errors.LookupEmail("email", request?.Email);

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        return await exports.PrepareAsync(email!, cancellationToken) is { } prepared
            ? TypedResults.Ok(prepared)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Read model behind",
                detail: "The inquiry index has not caught up with the latest submissions; try again shortly.");
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Download(
        Guid exportId, ExportDownload? request, SubjectExports exports, ApiReads reads, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var key = errors.Text("key", request?.Key, 100, required: true);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (await exports.TakeAsync(exportId, key!, cancellationToken) is not { } zip)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such export", detail: "Unknown, expired, already downloaded, or the key does not open it.");
        }

        // After the take: a download that cannot be recorded hands nothing out (the export is gone; the officer prepares another).
        await reads.RecordAsync(http, ApiReadActions.ExportDownloaded, itemId: exportId, cancellationToken: cancellationToken);
        return TypedResults.File(zip, "application/zip", $"access-request-{exportId}.zip");
    }
}
