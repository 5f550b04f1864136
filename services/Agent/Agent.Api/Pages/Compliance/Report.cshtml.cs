using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Http;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Pages.Compliance;

/// <summary>The retention report as charts and tables, and its CSV as Inquiry renders it.</summary>
public sealed class ReportModel(InquiryClient inquiries, AuditLog audit) : PageModel
{
    public static readonly IReadOnlyList<(string Band, string Label)> AgeBands =
    [
        ("<1y", "1년 미만 <1y"), ("1-2y", "1–2년 1–2y"), ("2-3y", "2–3년 2–3y"), (">=3y", "3년 이상 ≥3y"),
    ];

    public RetentionReport? Report { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await inquiries.RetentionReportAsync(cancellationToken);
        Report = result.Value;
        Error = result.Problem?.Message;
        await audit.RecordAsync(User.StaffId(), "retention.report", cancellationToken: cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var response = await inquiries.RetentionReportCsvAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            return StatusCode(StatusCodes.Status502BadGateway);
        }

        HttpContext.Response.RegisterForDispose(response);
        await audit.RecordAsync(User.StaffId(), "retention.report.csv", cancellationToken: cancellationToken);
        return File(await response.Content.ReadAsStreamAsync(cancellationToken), "text/csv; charset=utf-8", "retention-report.csv");
    }
}
