using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Retention.Reporting;

public static class ReportRetention
{
    public static RouteGroupBuilder MapRetentionReport(this RouteGroupBuilder compliance)
    {
        compliance.MapGet("/retention-report", Handle)
            .WithName("GetRetentionReport")
            .WithSummary("Inquiries by age band and status, due for purge (overdue, within 30 / 90 days), on hold, purged per month and reason. JSON, or CSV with Accept: text/csv. No personal data.")
            .Produces<RetentionReport>(StatusCodes.Status200OK, "application/json", RetentionReportCsv.ContentType);
        return compliance;
    }

    private static async Task<Results<Ok<RetentionReport>, ContentHttpResult>> Handle(
        HttpContext http, RetentionReports reports, CancellationToken cancellationToken)
    {
        var report = await reports.BuildAsync(cancellationToken);
        if (!WantsCsv(http.Request))
        {
            return TypedResults.Ok(report);
        }

        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = RetentionReportCsv.FileName(report) }.ToString();
        return TypedResults.Text(RetentionReportCsv.Write(report), RetentionReportCsv.ContentType, Encoding.UTF8);
    }

    /// <summary>CSV when the caller ranks text/csv above JSON; JSON otherwise (also for */* and no Accept).</summary>
    private static bool WantsCsv(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string mediaType) => accept
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1.0)
            .DefaultIfEmpty(0)
            .Max();

        var csv = Quality(RetentionReportCsv.ContentType);
        return csv > 0 && csv > Quality("application/json");
    }
}
