using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Http;

namespace SupportPlatform.Inquiry.Attachments;

/// <summary>The stored file, and the token that lets its uploader (and only them) bind it at submission.</summary>
public sealed record UploadedAttachment(Guid AttachmentId, string UploadToken, string FileName, string ContentType, long Size);

public static class Upload
{
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Room for the multipart boundaries and headers around a file of the maximum size.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static RouteGroupBuilder MapUpload(this RouteGroupBuilder api)
    {
        api.MapPost("/attachments", Handle)
            .DisableAntiforgery()
            .WithBodySizeLimit(MaxFileBytes + MultipartOverhead)
            .WithName("UploadAttachment")
            .WithSummary("Uploads one file (≤ 10 MB; PNG, JPEG, GIF, PDF, ZIP, text/log or .eml by content) to bind at submission through attachmentIds, with the uploadToken it answers.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return api;
    }

    private static async Task<Results<Ok<UploadedAttachment>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpRequest request, AttachmentStore attachments, UploadTokens uploadTokens, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Problems.Invalid("file", "Send the file as multipart/form-data in a field named \"file\".");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.Count != 1 || form.Files[0] is not { } file)
        {
            return Problems.Invalid("file", "Send exactly one file.");
        }

        if (file.Length > MaxFileBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large", detail: $"A file may have at most {MaxFileBytes} bytes.");
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        if (FileTypes.Detect(content) is not { } type)
        {
            return Problems.Invalid("file", "Allowed are PNG, JPEG, GIF, PDF, ZIP, plain text or log files and emails (.eml); the content decides, not the name.");
        }

        var fileName = FileNames.Sanitize(file.FileName, type);
        var id = await attachments.UploadAsync(fileName, type, content, cancellationToken);
        loggers.CreateLogger(typeof(Upload)).LogInformation("Attachment {AttachmentId} uploaded ({ContentType}, {Size} bytes)", id, type.ContentType, content.Length);
        return TypedResults.Ok(new UploadedAttachment(id, uploadTokens.Mint(id), fileName, type.ContentType, content.Length));
    }
}
