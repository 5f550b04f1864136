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

    /// <summary>One horizontal bar chart as SVG: labels, bars scaled to the largest value, and the number at the end.</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent BarChart(string title, IReadOnlyList<(string Label, long Value)> bars, string color)
    {
        const int rowHeight = 26, labelWidth = 170, barWidth = 360;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var height = Math.Max(1, bars.Count) * rowHeight + 8;
        var svg = new System.Text.StringBuilder();
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Default;
        svg.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" role=\"img\" aria-label=\"{encoder.Encode(title)}\" viewBox=\"0 0 {labelWidth + barWidth + 60} {height}\" width=\"100%\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = i * rowHeight + 4;
            var width = value == 0 ? 0 : Math.Max(2, (int)(barWidth * value / (double)max));
            svg.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 16}\">{encoder.Encode(label)}</text>" +
                $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{width}\" height=\"18\" fill=\"{color}\"></rect>" +
                $"<text x=\"{labelWidth + width + 6}\" y=\"{y + 16}\">{value}</text>");
        }

        svg.Append("</svg>");
        return new Microsoft.AspNetCore.Html.HtmlString(svg.ToString());
    }
}
