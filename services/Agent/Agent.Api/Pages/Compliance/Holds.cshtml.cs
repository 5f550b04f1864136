using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Http;

namespace SupportPlatform.Agent.Pages.Compliance;

/// <summary>Placing and releasing legal holds by inquiry id, with the reason kept in the inquiry's own stream.</summary>
public sealed class HoldsModel(InquiryClient inquiries, AuditLog audit) : PageModel
{
    [BindProperty]
    public Guid? InquiryId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string? Done { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostPlaceAsync(CancellationToken cancellationToken)
    {
        if (InquiryId is not { } id || string.IsNullOrWhiteSpace(Reason))
        {
            Error = "문의 ID와 사유를 입력하세요. (Inquiry id and reason are required.)";
            return;
        }

        var result = await inquiries.PlaceHoldAsync(id, Reason, cancellationToken);
        await audit.RecordAsync(User.StaffId(), "legal-hold.place", id, outcome: ((int)result.Status).ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        Done = result.Succeeded ? "법적 보존을 설정했습니다. (Legal hold placed.)" : null;
        Error = result.Problem?.Message;
    }

    public async Task OnPostReleaseAsync(CancellationToken cancellationToken)
    {
        if (InquiryId is not { } id)
        {
            Error = "문의 ID를 입력하세요. (Inquiry id is required.)";
            return;
        }

        var result = await inquiries.ReleaseHoldAsync(id, cancellationToken);
        await audit.RecordAsync(User.StaffId(), "legal-hold.release", id, outcome: ((int)result.Status).ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        Done = result.Succeeded ? "법적 보존을 해제했습니다. (Legal hold released.)" : null;
        Error = result.Problem?.Message;
    }
}
