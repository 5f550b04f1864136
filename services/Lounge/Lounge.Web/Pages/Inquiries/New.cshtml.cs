using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SupportPlatform.Lounge.Apis;
using SupportPlatform.Lounge.Inquiries;
using SupportPlatform.Lounge.Limiting;
using SupportPlatform.Lounge.Recommending;
using SupportPlatform.ServiceDefaults.Clients;

namespace SupportPlatform.Lounge.Pages.Inquiries;

/// <summary>
/// 1:1 문의하기: exactly the seed's fields. Works as a plain multipart form (files uploaded by the
/// site on submit); with JavaScript, files go up one by one as they are dropped, with progress,
/// and only their ids come back with the form. Nothing reaches the API without consent.
/// </summary>
[RequestSizeLimit(AttachmentLimits.MaxFiles * AttachmentLimits.MaxFileBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = AttachmentLimits.MaxFiles * AttachmentLimits.MaxFileBytes + 1024 * 1024)]
[EnableRateLimiting(FairUse.PerVisitor)]
public sealed class NewModel(InquiryApi inquiries) : PageModel
{
    public ConsentPolicy Policy { get; private set; } = null!;

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? CompanyName { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Details { get; set; }
    [BindProperty] public bool Consent { get; set; }

    /// <summary>Files already uploaded (by the script, or by an earlier submit that failed on another field).</summary>
    [BindProperty] public List<Guid> AttachmentIds { get; set; } = [];
    [BindProperty] public List<string> AttachmentNames { get; set; } = [];
    [BindProperty] public List<string> UploadTokens { get; set; } = [];

    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? FormError { get; private set; }

    public IEnumerable<string> ErrorsOf(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];

    public bool HasError(string field) => Errors.ContainsKey(field);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Policy = await inquiries.GetConsentPolicyAsync(cancellationToken);
        RecommendationSessions.Ensure(HttpContext);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Policy = await inquiries.GetConsentPolicyAsync(cancellationToken);
        if (!Consent)
        {
            // No consent, no inquiry: not even the files leave this site.
            AddError("consent", FieldMessages.ConsentRequired);
            return Failed();
        }

        foreach (var file in Files.Where(f => f.Length > 0))
        {
            if (AttachmentIds.Count >= AttachmentLimits.MaxFiles)
            {
                AddError("attachmentIds", $"첨부 파일은 {AttachmentLimits.MaxFiles}개까지 올릴 수 있습니다.");
                return Failed();
            }

            await using var content = file.OpenReadStream();
            var uploaded = await inquiries.UploadAsync(content, file.FileName, cancellationToken);
            if (uploaded.Value is { } attachment)
            {
                AttachmentIds.Add(attachment.AttachmentId);
                AttachmentNames.Add(attachment.FileName);
                UploadTokens.Add(attachment.UploadToken);
            }
            else
            {
                AddError("attachmentIds", $"{file.FileName}: {UploadMessage(uploaded.Problem!)}");
            }
        }

        if (Errors.Count > 0)
        {
            return Failed();
        }

        var result = await inquiries.SubmitAsync(new NewInquiry(
            Email, CompanyName, Phone, Summary, Details,
            new ConsentAnswer(true, Policy.Version),
            AttachmentIds, "ko", RecommendationSessions.Find(HttpContext), UploadTokens), cancellationToken);
        if (result.Value is { } receipt)
        {
            TempData[SentModel.ReceiptKey] = $"{receipt.InquiryId:D} {receipt.AccessToken}";
            return RedirectToPage("Sent");
        }

        var problem = result.Problem!;
        foreach (var (apiField, messages) in problem.Errors)
        {
            // The form shows the files as one field; a refused upload token is a file to upload again.
            var field = apiField.Equals("uploadTokens", StringComparison.OrdinalIgnoreCase) ? "attachmentIds" : apiField;
            foreach (var message in messages)
            {
                AddError(field, FieldMessages.ToKorean(field, message));
            }
        }

        if (Errors.Count == 0)
        {
            FormError = problem.Status == HttpStatusCode.TooManyRequests
                ? "문의가 너무 많이 접수되고 있습니다. 잠시 후 다시 제출해 주세요."
                : "문의를 접수하지 못했습니다. 잠시 후 다시 제출해 주세요.";
        }

        return Failed();
    }

    /// <summary>The script's upload of one dropped file; answers JSON for its progress list.</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return BadRequest(new { message = "파일을 선택해 주세요." });
        }

        if (file.Length > AttachmentLimits.MaxFileBytes)
        {
            return StatusCode(StatusCodes.Status413PayloadTooLarge, new { message = "파일당 10MB까지 올릴 수 있습니다." });
        }

        await using var content = file.OpenReadStream();
        var uploaded = await inquiries.UploadAsync(content, file.FileName, cancellationToken);
        return uploaded.Value is { } attachment
            ? new JsonResult(new { attachment.AttachmentId, attachment.UploadToken, attachment.FileName, Size = AttachmentLimits.Size(attachment.Size) })
            : StatusCode((int)uploaded.Problem!.Status, new { message = UploadMessage(uploaded.Problem) });
    }

    private static string UploadMessage(ServiceProblem problem) => problem.Status switch
    {
        HttpStatusCode.RequestEntityTooLarge => "파일당 10MB까지 올릴 수 있습니다.",
        HttpStatusCode.TooManyRequests => "잠시 후 다시 올려 주세요.",
        HttpStatusCode.BadRequest when problem.Errors.TryGetValue("file", out var messages) && messages.Length > 0 => FieldMessages.ToKorean("file", messages[0]),
        _ => "파일을 올리지 못했습니다.",
    };

    private void AddError(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var messages))
        {
            Errors[field] = messages = [];
        }

        messages.Add(message);
    }

    private PageResult Failed()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
