using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SupportPlatform.Inquiry.Tests.Api;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;

namespace SupportPlatform.Inquiry.Tests.Retention;

/// <summary>One test on its own database, so every count in the report is known exactly.</summary>
public sealed class ReportingRetention(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task The_report_counts_by_age_status_due_hold_and_purge_in_json_and_csv_without_personal_data()
    {
        using var agent = api.Agent();
        using var compliance = api.Compliance();
        api.Service.Time.SetUtcNow(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var open = await api.SubmitAsync(Requests.Valid("report.open@report-example.co.kr"));
        var answered = await api.SubmitAsync(Requests.Valid("report.answered@report-example.co.kr"));
        var closed = await api.SubmitAsync(Requests.Valid("report.closed@report-example.co.kr"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, answered.InquiryId, "replies", "\"2\"", new { body = "답변" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, closed.InquiryId, "close", "\"2\"")).StatusCode);

        // 29 days before the first three reach their deadline (2029-01-05 09:00).
        api.Service.Time.SetUtcNow(new DateTimeOffset(2028, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var recent = await api.SubmitAsync(Requests.Valid("report.recent@report-example.co.kr"));
        Assert.Equal(HttpStatusCode.OK, (await ComplianceDesk.HoldAsync(compliance, open.InquiryId)).StatusCode);
        var all = new[] { open, answered, closed, recent };
        await api.ProjectedAsync([.. all.Select(r => r.InquiryId)]);

        var before = await ReportAsync(compliance);
        Assert.Equal(
            ["2-3y/answered=1", "2-3y/closed=1", "2-3y/open=1", "<1y/open=1"],
            NonZero(before));
        Assert.Equal(16, before.GetProperty("inquiries").GetArrayLength());
        Assert.Equal((0, 2, 2), Due(before));
        Assert.Equal(1, before.GetProperty("onHold").GetInt64());
        Assert.Equal(0, before.GetProperty("purged").GetArrayLength());
        Assert.Equal(DateTimeOffset.Parse("2028-12-07T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), before.GetProperty("generatedAt").GetDateTimeOffset());

        var csv = await CsvAsync(compliance);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,group,subgroup,count", lines[0]);
        Assert.Equal(1 + 16 + 3 + 1, lines.Length);
        Assert.All(lines, l => Assert.Equal(4, l.Split(',').Length));
        Assert.Contains("inquiries,2-3y,open,1", lines);
        Assert.Contains("inquiries,<1y,open,1", lines);
        Assert.Contains("inquiries,>=3y,closed,0", lines);
        Assert.Contains("due-for-purge,overdue,,0", lines);
        Assert.Contains("due-for-purge,within-30-days,,2", lines);
        Assert.Contains("due-for-purge,within-90-days,,2", lines);
        Assert.Contains("on-hold,,,1", lines);

        // Past the deadline: the run purges the answered and the closed one; the held one stays.
        api.Service.Time.SetUtcNow(new DateTimeOffset(2029, 1, 16, 9, 0, 0, TimeSpan.Zero));
        var run = await ComplianceDesk.RunAsync(compliance, dryRun: false);
        Assert.Equal(2, run.GetProperty("purged").GetInt32());
        Assert.Equal(1, run.GetProperty("dueButOnHold").GetInt32());
        var erasure = await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email = "report.recent@report-example.co.kr" });
        Assert.Equal(1, (await erasure.JsonAsync()).GetProperty("erased").GetInt32());

        var after = await ReportAsync(compliance);
        Assert.Equal([">=3y/open=1"], NonZero(after));
        Assert.Equal((0, 0, 0), Due(after));
        Assert.Equal(1, after.GetProperty("onHold").GetInt64());
        Assert.Equal(
            ["2029-01/erasure-request=1", "2029-01/retention-expired=2"],
            after.GetProperty("purged").EnumerateArray().Select(p => $"{p.GetProperty("month").GetString()}/{p.GetProperty("reason").GetString()}={p.GetProperty("count").GetInt64()}"));
        var csvAfter = await CsvAsync(compliance);
        Assert.Contains("purged,2029-01,retention-expired,2\r\n", csvAfter, StringComparison.Ordinal);
        Assert.Contains("purged,2029-01,erasure-request,1\r\n", csvAfter, StringComparison.Ordinal);

        var everything = before.GetRawText() + csv + after.GetRawText() + csvAfter;
        foreach (var secret in all.SelectMany(r => new[] { r.InquiryId.ToString(), r.AccessToken }).Concat(["report-example", Requests.Company, Requests.Phone]))
        {
            Assert.False(ComplianceDesk.Reveals(everything, secret), $"the report reveals '{secret}'");
        }
    }

    private static async Task<JsonElement> ReportAsync(HttpClient compliance)
    {
        var response = await compliance.GetAsync("/api/compliance/retention-report");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.JsonAsync();
    }

    private static async Task<string> CsvAsync(HttpClient compliance)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/compliance/retention-report");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await compliance.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return await response.Content.ReadAsStringAsync();
    }

    private static string[] NonZero(JsonElement report) =>
        [.. report.GetProperty("inquiries").EnumerateArray()
            .Where(r => r.GetProperty("count").GetInt64() > 0)
            .Select(r => $"{r.GetProperty("ageBand").GetString()}/{r.GetProperty("status").GetString()}={r.GetProperty("count").GetInt64()}")
            .Order(StringComparer.Ordinal)];

    private static (long Overdue, long Within30, long Within90) Due(JsonElement report)
    {
        var due = report.GetProperty("dueForPurge");
        return (due.GetProperty("overdue").GetInt64(), due.GetProperty("within30Days").GetInt64(), due.GetProperty("within90Days").GetInt64());
    }
}
