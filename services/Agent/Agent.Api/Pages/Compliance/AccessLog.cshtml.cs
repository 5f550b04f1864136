using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SupportPlatform.Agent.AccessRecords;
using SupportPlatform.Agent.AccessRecords.Inspecting;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Http;
using SupportPlatform.Agent.Staff;

namespace SupportPlatform.Agent.Pages.Compliance;

/// <summary>
/// The monthly inspection of the access log (접속기록 점검): filter by member, inquiry, action and
/// day, see the unusual patterns among the records shown, export them as CSV, and record the
/// inspection as done.
/// </summary>
public sealed class AccessLogModel(AccessLogQueries queries, StaffAccounts staff, AuditLog audit, IOptions<PatternThresholds> thresholds, TimeProvider time) : PageModel
{
    /// <summary>The page shows the newest records that match; the CSV has up to <see cref="CsvLimit"/>.</summary>
    public const int PageLimit = 500;

    public const int CsvLimit = 200_000;

    public const int MaxNotes = 2000;

    [BindProperty(SupportsGet = true)]
    public Guid? Staff { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Inquiry { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>The inspected month, as an <c>input type="month"</c> sends it (yyyy-MM).</summary>
    [BindProperty]
    public string? Month { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    [TempData]
    public string? Done { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<AccessRecord> Records { get; private set; } = [];

    public IReadOnlyList<PatternFlag> Flags { get; private set; } = [];

    public IReadOnlySet<long> Flagged { get; private set; } = new HashSet<long>();

    public IReadOnlyList<Inspection> Inspections { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The month an inspection usually covers: the one before this (Korean time).</summary>
    public string LastMonth => time.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (Filter() is not { } filter)
        {
            return BadRequest();
        }

        var records = await queries.FindAsync(filter, CsvLimit, cancellationToken);
        await audit.RecordAsync(User.StaffId(), "access-log.csv", subject: $"records={records.Count}", cancellationToken: cancellationToken);
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AccessLogQueries.Csv(records))).ToArray(), "text/csv; charset=utf-8", "access-log.csv");
    }

    public async Task<IActionResult> OnPostInspectionAsync(CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            Error = "점검한 달을 선택하세요. (Choose the inspected month.)";
        }
        else if (string.IsNullOrWhiteSpace(Notes) || Notes.Length > MaxNotes)
        {
            Error = $"점검 결과를 {MaxNotes:N0}자 이하로 적으세요. (Write the findings, at most {MaxNotes:N0} characters.)";
        }
        else
        {
            await queries.RecordInspectionAsync(month, User.StaffId(), Notes.Trim(), cancellationToken);
            await audit.RecordAsync(User.StaffId(), "access-log.inspection", subject: month.ToString("yyyy-MM", CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
            Done = $"{month:yyyy-MM} 점검을 기록했습니다. (Inspection recorded.)";
            return Redirect("/compliance/access-log#inspections");
        }

        await ShowAsync(cancellationToken);
        return Page();
    }

    public string CsvLink() => "/compliance/access-log?" + string.Join('&', new (string Name, string? Value)[]
        {
            ("handler", "Csv"), ("staff", Staff?.ToString()), ("inquiry", Inquiry), ("action", Action),
            ("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        }.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));

    public string NameOf(Guid staffId) => Names.TryGetValue(staffId, out var name) ? name : staffId.ToString();

    public static string Describe(PatternKind kind) => kind switch
    {
        PatternKind.ManyInquiries => "짧은 시간에 많은 문의 열람 (Many inquiries in a short time)",
        PatternKind.OutsideWorkingHours => "업무 시간 외 열람 (Outside working hours)",
        PatternKind.BulkDownload => "대량 내려받기 (Bulk downloads)",
        _ => kind.ToString(),
    };

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        Names = (await staff.ListAsync(cancellationToken)).ToDictionary(m => m.Member.Id, m => m.Member.DisplayName);
        Inspections = await queries.InspectionsAsync(24, cancellationToken);
        if (Filter() is not { } filter)
        {
            Error ??= "문의 ID 형식이 올바르지 않습니다. (The inquiry id is not valid.)";
            return;
        }

        Records = await queries.FindAsync(filter, PageLimit, cancellationToken);
        Flags = UnusualPatterns.Find(Records, thresholds.Value);
        Flagged = Flags.SelectMany(f => f.RecordIds).ToHashSet();
    }

    /// <summary>The filter, or null when the inquiry id is not one.</summary>
    private AccessLogFilter? Filter()
    {
        Guid? inquiry = null;
        if (!string.IsNullOrWhiteSpace(Inquiry))
        {
            if (!Guid.TryParse(Inquiry.Trim(), out var id))
            {
                return null;
            }

            inquiry = id;
        }

        var action = AccessActions.All.Contains(Action) ? Action : null;
        return new AccessLogFilter(Staff, inquiry, action, From, To);
    }
}
