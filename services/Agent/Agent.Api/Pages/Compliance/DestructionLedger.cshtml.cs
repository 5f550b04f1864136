using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.AccessRecords.Purging;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Destructions;
using SupportPlatform.Agent.Http;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Pages.Compliance;

/// <summary>The destruction ledger (파기 기록): every purge, printable and as CSV.</summary>
public sealed class DestructionLedgerModel(InquiryClient inquiries, AccessLogPurger accessLog, AuditLog audit, TimeProvider time) : PageModel
{
    public IReadOnlyList<LedgerEntry> Entries { get; private set; } = [];

    public string? Error { get; private set; }

    public DateTimeOffset AsOf { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Error is not null)
        {
            // A ledger without Inquiry's runs would look complete and not be.
            return StatusCode(StatusCodes.Status502BadGateway);
        }

        await audit.RecordAsync(User.StaffId(), "destruction-ledger.csv", subject: $"entries={Entries.Count}", cancellationToken: cancellationToken);
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(DestructionLedger.Csv(Entries))).ToArray(), "text/csv; charset=utf-8", "destruction-ledger.csv");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        AsOf = time.GetUtcNow();
        var runs = await inquiries.DestructionsAsync(cancellationToken);
        Error = runs.Problem?.Message;
        Entries = DestructionLedger.Entries(runs.Value ?? new InquiryDestructions([], []), await accessLog.HistoryAsync(cancellationToken));
    }
}
