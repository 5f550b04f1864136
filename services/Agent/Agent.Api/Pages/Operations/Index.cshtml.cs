using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Operations;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Pages.Operations;

/// <summary>
/// 운영 현황: the team lead's figures over a period of Korean days (by default the last 8 weeks),
/// each table also as CSV. Staff names are the only names on it: no customer data.
/// </summary>
public sealed class IndexModel(InquiryClient inquiries, KnowledgeClient knowledge) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The intake per <c>day</c> or per <c>week</c> (anything else: per week, the default).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Per { get; set; }

    public bool PerDay => Per == "day";

    public SatisfactionReport? Satisfaction { get; private set; }

    public WorkloadReport? Workload { get; private set; }

    public ResponseTimeReport? ResponseTimes { get; private set; }

    /// <summary>Every table of the page, each also a CSV.</summary>
    public IReadOnlyList<ReportTable> Tables { get; private set; } = [];

    public TableOnPage Table(string id)
    {
        var table = Tables.Single(t => t.Id == id);
        return new TableOnPage(table, CsvUrl(table));
    }

    /// <summary>Whether Knowledge's funnel and gap report are on the page.</summary>
    public bool HasKnowledgeReports => Tables.Any(t => t.Id == KnowledgeTables.Deflection);

    /// <summary>Why Knowledge's reports are missing; the Inquiry figures are shown regardless.</summary>
    public string? KnowledgeError { get; private set; }

    /// <summary>Why the figures could not be shown (the Inquiry service's problem), when not a field's fault.</summary>
    public string? Error { get; private set; }

    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(string? table, CancellationToken cancellationToken)
    {
        var status = await LoadAsync(cancellationToken);
        if (Satisfaction is null || Workload is null || ResponseTimes is null)
        {
            // Bad dates are the caller's; anything else is the Inquiry service's, and a CSV without its figures would mislead.
            return StatusCode(status == System.Net.HttpStatusCode.BadRequest ? StatusCodes.Status400BadRequest : StatusCodes.Status502BadGateway);
        }

        if (Tables.FirstOrDefault(t => t.Id == table) is not { } found)
        {
            return NotFound();
        }

        return File(found.ToCsv(), "text/csv; charset=utf-8", $"{found.Id}-{Satisfaction.From:yyyy-MM-dd}-{Satisfaction.To:yyyy-MM-dd}.csv");
    }

    public string? FieldError(string field) => FieldErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>The CSV link of a table, for the same period as the page.</summary>
    public string CsvUrl(ReportTable table) =>
        Url.Page("/Operations/Index", "Csv", new { table = table.Id, from = Satisfaction?.From.ToString("yyyy-MM-dd"), to = Satisfaction?.To.ToString("yyyy-MM-dd") })!;

    private async Task<System.Net.HttpStatusCode> LoadAsync(CancellationToken cancellationToken)
    {
        var categoriesTask = knowledge.CategoriesAsync(cancellationToken);
        var workloadTask = inquiries.WorkloadReportAsync(From, To, cancellationToken);
        var responseTimesTask = inquiries.ResponseTimeReportAsync(From, To, cancellationToken);
        var satisfaction = await inquiries.SatisfactionReportAsync(From, To, cancellationToken);
        var workload = await workloadTask;
        var responseTimes = await responseTimesTask;
        // Without Knowledge's names the categories show as their slugs: still right, only plainer.
        var names = (await categoriesTask).Value?.ToDictionary(c => c.Slug, c => c.Name, StringComparer.Ordinal) ?? [];
        // Both read the same period the same way: the first problem says what is wrong with it.
        if ((satisfaction.Problem ?? workload.Problem ?? responseTimes.Problem) is { } problem)
        {
            FieldErrors = problem.Errors;
            Error = problem.Errors.Count > 0 ? null : problem.Message;
            return problem.Status;
        }

        (Satisfaction, Workload, ResponseTimes) = (satisfaction.Value!, workload.Value!, responseTimes.Value!);
        From = Satisfaction.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        To = Satisfaction.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // Knowledge's reports for the period as Inquiry read it (its default when the form left it empty).
        var deflectionTask = knowledge.DeflectionReportAsync(Satisfaction.From, Satisfaction.To, cancellationToken);
        var gaps = await knowledge.KnowledgeGapsAsync(1, Satisfaction.From, Satisfaction.To, cancellationToken);
        var deflection = await deflectionTask;
        KnowledgeError = (deflection.Problem ?? gaps.Problem)?.Message;
        Tables =
        [
            .. WorkloadTables.From(Workload, names), ResponseTimeTables.From(ResponseTimes), ResponseTimeTables.NextResponsesPerWeek(ResponseTimes),
            ResponseTimeTables.PerAgent(ResponseTimes),
            .. SatisfactionTables.From(Satisfaction, names),
            .. KnowledgeError is null ? [KnowledgeTables.DeflectionFunnel(deflection.Value!), KnowledgeTables.KnowledgeGaps(gaps.Value!)] : Array.Empty<ReportTable>(),
        ];
        return satisfaction.Status;
    }
}

/// <summary>A table as the page shows it, with the link to its CSV.</summary>
public sealed record TableOnPage(ReportTable Table, string CsvUrl);
