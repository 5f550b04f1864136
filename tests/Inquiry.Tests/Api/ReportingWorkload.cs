using System.Net;
using System.Net.Http.Json;
using SupportPlatform.Inquiry.Tests.Retention;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// The backlog and intake of the operations view over HTTP, on the service's fake clock: open
/// inquiries by age and status now, and submissions per Korean week and category in a period.
/// </summary>
public sealed class ReportingWorkload(InquiryApi api) : IClassFixture<InquiryApi>
{
    private static readonly TimeSpan Korea = TimeSpan.FromHours(9);

    [Fact]
    public async Task The_backlog_counts_by_age_and_status_and_the_intake_by_korean_week_and_category()
    {
        using var agent = api.Agent();
        MoveTo(new DateTimeOffset(2026, 2, 23, 10, 0, 0, Korea));
        var a = await SubmitAsync(agent, "license");
        var b = await SubmitAsync(agent, null);
        MoveTo(new DateTimeOffset(2026, 3, 2, 11, 0, 0, Korea));
        var c = await SubmitAsync(agent, "spam-filter");
        var d = await SubmitAsync(agent, "spam-filter");
        var e = await SubmitAsync(agent, "license");
        await ActAsync(agent, d, "replies", new { body = "확인해 주세요." });
        await ActAsync(agent, e, "close", null);
        // Monday 00:30 in Seoul, still Sunday in UTC: Korea's week 2026-W11.
        MoveTo(new DateTimeOffset(2026, 3, 9, 0, 30, 0, Korea));
        var f = await SubmitAsync(agent, null);
        MoveTo(new DateTimeOffset(2026, 3, 9, 10, 0, 0, Korea));
        await api.ProjectedAsync(a, b, c, d, e, f);

        var report = await agent.GetFromJsonAsync<Contracts.WorkloadReport>("/api/agent/inquiries/workload?from=2026-02-23&to=2026-03-15");

        Assert.Equal(15, report!.Backlog.Count);
        Assert.Equal(
            ["<1d open 1", "3-7d open 1", "3-7d answered 1", "7-30d open 2"],
            report.Backlog.Where(n => n.Count > 0).Select(n => $"{n.AgeBand} {n.Status} {n.Count}"));
        Assert.Equal(
            ["2026-W09 02-23 license 1", "2026-W09 02-23 - 1", "2026-W10 03-02 license 1", "2026-W10 03-02 spam-filter 2", "2026-W11 03-09 - 1"],
            report.Intake.Select(Describe));
        // Per Korean day: the inquiry of Monday 00:30 in Seoul is Monday's, not Sunday's as in UTC.
        Assert.Equal(
            ["02-23 license 1", "02-23 - 1", "03-02 license 1", "03-02 spam-filter 2", "03-09 - 1"],
            report.DailyIntake.Select(d => $"{d.Day:MM-dd} {d.Category ?? "-"} {d.Count}"));
        var oneWeek = await agent.GetFromJsonAsync<Contracts.WorkloadReport>("/api/agent/inquiries/workload?from=2026-03-02&to=2026-03-08");
        Assert.Equal(["2026-W10 03-02 license 1", "2026-W10 03-02 spam-filter 2"], oneWeek!.Intake.Select(Describe));
        Assert.Equal(["from"], await (await agent.GetAsync("/api/agent/inquiries/workload?from=2026-03-09&to=2026-03-01")).ErrorKeysAsync());
        using var compliance = api.Compliance();
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.GetAsync("/api/agent/inquiries/workload")).StatusCode);
    }

    private static string Describe(Contracts.WeeklyIntake row) => $"{row.Week} {row.Monday:MM-dd} {row.Category ?? "-"} {row.Count}";

    private void MoveTo(DateTimeOffset at) => api.Service.Time.SetUtcNow(at.ToUniversalTime());

    private async Task<Guid> SubmitAsync(HttpClient agent, string? category)
    {
        var id = (await api.SubmitAsync()).InquiryId;
        if (category is not null)
        {
            await ActAsync(agent, id, "category", new { category });
        }

        return id;
    }

    private static async Task ActAsync(HttpClient agent, Guid id, string action, object? body)
    {
        var current = await agent.GetAsync($"/api/agent/inquiries/{id}");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, action, current.Headers.ETag!.Tag, body)).StatusCode);
    }
}
