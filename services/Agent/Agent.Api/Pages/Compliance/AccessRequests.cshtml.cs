using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.AccessRecords;
using SupportPlatform.Agent.AccessRecords.Recording;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Http;
using SupportPlatform.Agent.SubjectRequests;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Pages.Compliance;

/// <summary>
/// Data subjects' access requests (열람 요구, PIPA art. 35): the officer types the address and the
/// request's reference; Inquiry finds the address's inquiries by keyed hash and seals their export;
/// the officer downloads it once. Corrections (정정, art. 36) of the email, company or phone go to
/// every inquiry of the address as an event. The register keeps the reference, the 10-day deadline
/// and when the request was answered — never an address.
/// </summary>
public sealed class AccessRequestsModel(InquiryClient inquiries, SubjectRequestLog requests, AccessLog access, AuditLog audit, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public Guid RequestId { get; set; }

    [BindProperty]
    public string? Key { get; set; }

    [TempData]
    public string? Done { get; set; }

    public string? Error { get; private set; }

    /// <summary>The export just prepared, with its key: shown once, in this response only.</summary>
    public (SubjectRequest Request, PreparedExport Export)? Prepared { get; private set; }

    public IReadOnlyList<SubjectRequest> Requests { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        var email = Email?.Trim();
        Email = null;
        ModelState.Clear();
        if (!SubjectRequestLog.IsReference(Reference))
        {
            Error = "요청 번호는 영문·숫자와 . _ / - 로 40자 이내입니다. (Reference: letters, digits, . _ / -, at most 40.)";
        }
        else if (!SubjectAddress.IsValid(email))
        {
            Error = SubjectAddress.Invalid;
        }
        else
        {
            var prepared = await inquiries.PrepareExportAsync(email, cancellationToken);
            if (prepared.Value is { } export)
            {
                var request = await requests.ReceiveAsync(SubjectRequestLog.Access, Reference!, User.StaffId(), export.Inquiries, export.ExportId, null, cancellationToken);
                await audit.RecordAsync(User.StaffId(), "access-request.export", subject: $"request={request.Id} inquiries={export.Inquiries}", cancellationToken: cancellationToken);
                Prepared = (request, export);
                Reference = null;
            }
            else
            {
                Error = prepared.Problem!.Message;
            }
        }

        await ListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDownloadAsync(CancellationToken cancellationToken)
    {
        if (await requests.FindAsync(RequestId, cancellationToken) is not { ExportId: { } exportId } request || string.IsNullOrEmpty(Key))
        {
            return NotFound();
        }

        var response = await inquiries.DownloadExportAsync(exportId, Key, cancellationToken);
        if (!response.IsSuccessStatusCode || !await requests.MarkDownloadedAsync(request.Id, cancellationToken))
        {
            response.Dispose();
            Error = "내보내기 파일이 이미 내려받아졌거나 만료되었습니다. 새로 만드세요. (The export was downloaded already or expired; prepare it again.)";
            await ListAsync(cancellationToken);
            return Page();
        }

        HttpContext.Response.RegisterForDispose(response);
        await access.RecordAsync(
            HttpContext, AccessActions.DataExported, itemId: exportId, recordCount: request.Inquiries, reason: "data-subject-request", cancellationToken: cancellationToken);
        return File(await response.Content.ReadAsStreamAsync(cancellationToken), "application/zip", $"access-request-{request.Reference.Replace('/', '-')}.zip");
    }

    public async Task<IActionResult> OnPostAnsweredAsync(CancellationToken cancellationToken)
    {
        if (await requests.MarkAnsweredAsync(RequestId, User.StaffId(), cancellationToken))
        {
            await audit.RecordAsync(User.StaffId(), "subject-request.answered", subject: RequestId.ToString(), cancellationToken: cancellationToken);
            Done = "답변 완료로 기록했습니다. (Recorded as answered.)";
        }

        return Redirect("/compliance/access-requests#register");
    }

    [BindProperty]
    public string? Field { get; set; }

    [BindProperty]
    public string? Value { get; set; }

    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["email"] = "이메일 (Email)",
        ["company"] = "회사명 (Company)",
        ["phone"] = "전화번호 (Phone)",
    };

    /// <summary>A correction (정정): every inquiry of the address gets the new value, as an event in its stream.</summary>
    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken cancellationToken)
    {
        var (email, value) = (Email?.Trim(), Value?.Trim());
        (Email, Value) = (null, null);
        ModelState.Clear();
        if (!SubjectRequestLog.IsReference(Reference))
        {
            Error = "요청 번호는 영문·숫자와 . _ / - 로 40자 이내입니다. (Reference: letters, digits, . _ / -, at most 40.)";
        }
        else if (!SubjectAddress.IsValid(email))
        {
            Error = SubjectAddress.Invalid;
        }
        else if (Field is null || !Fields.ContainsKey(Field) || string.IsNullOrEmpty(value))
        {
            Error = "정정할 항목과 새 값을 입력하세요. (Choose the field and enter the new value.)";
        }
        else
        {
            var result = await inquiries.CorrectAsync(email, Field, value, cancellationToken);
            if (result.Value is { } corrected)
            {
                var request = await requests.ReceiveAsync(SubjectRequestLog.Correction, Reference!, User.StaffId(), corrected.Corrected, null, Field, cancellationToken);
                await audit.RecordAsync(User.StaffId(), "correction.request", subject: $"request={request.Id} field={Field} found={corrected.Found} corrected={corrected.Corrected}", cancellationToken: cancellationToken);
                Done = $"문의 {corrected.Corrected}건의 {Fields[Field]}을(를) 정정했습니다. (Corrected {corrected.Corrected} of {corrected.Found}.)";
                return Redirect("/compliance/access-requests#register");
            }

            Error = result.Problem!.Message;
        }

        await ListAsync(cancellationToken);
        return Page();
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Requests = await requests.LatestAsync(100, cancellationToken);
    }
}
