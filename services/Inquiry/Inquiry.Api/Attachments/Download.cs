using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.AccessRecords.RecordingApiReads;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.Inquiries;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Attachments;

/// <summary>Downloads are always served as attachments, so a browser never renders them in the service's origin.</summary>
public static class Download
{
    public static RouteGroupBuilder MapCustomerDownload(this RouteGroupBuilder api)
    {
        api.MapGet("/inquiries/{id:guid}/attachments/{attachmentId:guid}", HandleCustomer)
            .WithName("DownloadAttachment")
            .WithSummary("One attachment of the inquiry, for the customer (X-Inquiry-Token).");
        return api;
    }

    public static RouteGroupBuilder MapAgentDownload(this RouteGroupBuilder agent)
    {
        agent.MapGet("/{id:guid}/attachments/{attachmentId:guid}", HandleAgent)
            .WithName("DownloadAttachmentAsAgent")
            .WithSummary("One attachment of the inquiry, for an agent.");
        return agent;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleCustomer(
        Guid id, Guid attachmentId, HttpRequest request, CustomerAccess access, DataKeyStore keys, AttachmentStore attachments, CancellationToken cancellationToken) =>
        await access.OpenAsync(id, request, cancellationToken) is null
            ? Problems.InquiryNotFound()
            : await ServeAsync(id, attachmentId, keys, attachments, recordRead: null, cancellationToken);

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAgent(
        Guid id, Guid attachmentId, HttpContext http, DataKeyStore keys, AttachmentStore attachments, ApiReads reads, CancellationToken cancellationToken) =>
        ServeAsync(
            id, attachmentId, keys, attachments,
            token => reads.RecordAsync(http, ApiReadActions.AttachmentDownloaded, id, attachmentId, cancellationToken: token),
            cancellationToken);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ServeAsync(
        Guid id, Guid attachmentId, DataKeyStore keys, AttachmentStore attachments, Func<CancellationToken, Task>? recordRead, CancellationToken cancellationToken)
    {
        if (await keys.FindAsync(id, cancellationToken) is not { } key
            || await attachments.ReadAsync(id, attachmentId, key, cancellationToken) is not { } file)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Attachment not found");
        }

        if (recordRead is not null)
        {
            await recordRead(cancellationToken);
        }

        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}
