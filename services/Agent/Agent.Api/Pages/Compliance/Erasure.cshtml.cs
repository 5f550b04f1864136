using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Http;

namespace SupportPlatform.Agent.Pages.Compliance;

/// <summary>
/// An erasure request ("delete everything about me"): the address goes to Inquiry and is not kept
/// here; the audit log records the counts only.
/// </summary>
public sealed class ErasureModel(InquiryClient inquiries, AuditLog audit) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    public ErasureResult? Result { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        if (!SubjectAddress.IsValid(Email?.Trim()))
        {
            Error = SubjectAddress.Invalid;
            return;
        }

        if (!Confirmed)
        {
            Error = "영구 삭제에 동의해야 합니다. (Confirm the permanent erasure.)";
            return;
        }

        var result = await inquiries.RequestErasureAsync(Email.Trim(), cancellationToken);
        Result = result.Value;
        Error = result.Problem?.Message;
        await audit.RecordAsync(
            User.StaffId(), "erasure.request", subject: Result is { } done ? $"found={done.Found} erased={done.Erased}" : null,
            outcome: ((int)result.Status).ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        Email = null;
        ModelState.Clear();
    }
}
