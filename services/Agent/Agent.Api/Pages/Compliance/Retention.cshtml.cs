using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Http;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Pages.Compliance;

/// <summary>A retention pass on demand: a dry run counts; the real run needs the confirmation word typed.</summary>
public sealed class RetentionModel(InquiryClient inquiries, AuditLog audit) : PageModel
{
    public const string ConfirmationWord = "삭제";

    [BindProperty]
    public string? Confirmation { get; set; }

    public RetentionRunSummary? Summary { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public Task OnPostDryRunAsync(CancellationToken cancellationToken) => RunAsync(dryRun: true, cancellationToken);

    public async Task OnPostRunAsync(CancellationToken cancellationToken)
    {
        if (Confirmation?.Trim() != ConfirmationWord)
        {
            Error = $"실제 삭제하려면 확인란에 ‘{ConfirmationWord}’를 입력하세요. (Type ‘{ConfirmationWord}’ to confirm the real run.)";
            return;
        }

        await RunAsync(dryRun: false, cancellationToken);
    }

    private async Task RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var result = await inquiries.RunRetentionAsync(dryRun, cancellationToken);
        Summary = result.Value;
        Error = result.Problem?.Message;
        await audit.RecordAsync(
            User.StaffId(), dryRun ? "retention.dry-run" : "retention.run",
            subject: Summary is { } s ? $"due={s.Due} purged={s.Purged} held={s.DueButOnHold}" : null,
            outcome: ((int)result.Status).ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        Confirmation = null;
        ModelState.Clear();
    }
}
