using System.Net;
using System.Net.Http.Json;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Inquiries.Reporting;
using SupportPlatform.Inquiry.Tests.EventLog;
using SupportPlatform.Inquiry.Tests.Retention;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// The queue's counts per Korean submission day, status and category (<c>inquiry.queue_day_counts</c>)
/// that the operations view and the retention report read: they follow every write of the queue
/// (a status, a category changed, an erasure), survive a rebuild, are filled once for a queue that
/// existed before them, and the reports built on them stay exact on the day an age limit falls in.
/// </summary>
public sealed class CountingTheQueueByDay(InquiryApi api) : IClassFixture<InquiryApi>
{
    private static readonly TimeSpan Korea = TimeSpan.FromHours(9);

    /// <summary>What the counts must be: the same GROUP BY over the queue the reports used to run.</summary>
    private const string QueueGroupedByDay = """
        SELECT coalesce(string_agg(format('%s %s %s %s', day, status, coalesce(category, '-'), n), ' | ' ORDER BY day, status, category NULLS FIRST), '')
        FROM (SELECT (submitted_at AT TIME ZONE 'Asia/Seoul')::date AS day, status, data ->> 'category' AS category, count(*) AS n
              FROM inquiry.mt_doc_queue GROUP BY 1, 2, 3) q
        """;

    private const string DayCounts = """
        SELECT coalesce(string_agg(format('%s %s %s %s', day, status, coalesce(category, '-'), inquiries), ' | ' ORDER BY day, status, category NULLS FIRST), '')
        FROM inquiry.queue_day_counts WHERE inquiries <> 0
        """;

    private const string Expected =
        "2026-03-01 open license 1 | 2026-03-02 answered - 1 | 2026-03-02 closed license 1 | 2026-03-05 open - 1 | 2026-03-05 open spam-filter 1";

    [Fact]
    public async Task The_day_counts_follow_the_queue_through_replies_categories_closing_erasure_a_late_attach_and_a_rebuild()
    {
        using var agent = api.Agent();
        using var compliance = api.Compliance();
        // Sunday 23:30 and Monday 00:30 in Seoul: two Korean days, one UTC day.
        MoveTo(new DateTimeOffset(2026, 3, 1, 23, 30, 0, Korea));
        var a = await SubmitAsync(agent, "license");
        MoveTo(new DateTimeOffset(2026, 3, 2, 0, 30, 0, Korea));
        var b = await SubmitAsync(agent, null);
        await ActAsync(agent, b, "replies", new { body = "확인해 주세요." });
        MoveTo(new DateTimeOffset(2026, 3, 2, 10, 0, 0, Korea));
        var c = await SubmitAsync(agent, "spam-filter");
        await ActAsync(agent, c, "category", new { category = "license" });
        await ActAsync(agent, c, "close", null);
        var erased = (await api.SubmitAsync(Requests.Valid("day.counts.erased@hanil-mail.co.kr"))).InquiryId;
        await api.ProjectedAsync(erased);
        Assert.Equal(HttpStatusCode.OK, (await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email = "day.counts.erased@hanil-mail.co.kr" })).StatusCode);
        // Two inquiries of one Korean day on either side of the backlog's one-day limit (Friday 10:00).
        MoveTo(new DateTimeOffset(2026, 3, 5, 9, 0, 0, Korea));
        var e = await SubmitAsync(agent, "spam-filter");
        MoveTo(new DateTimeOffset(2026, 3, 5, 11, 0, 0, Korea));
        var f = await SubmitAsync(agent, null);
        MoveTo(new DateTimeOffset(2026, 3, 6, 10, 0, 0, Korea));
        await api.ProjectedAsync(a, b, c, e, f);

        Assert.Equal(Expected, await api.Database.ScalarAsync<string>(QueueGroupedByDay));
        Assert.Equal(Expected, await api.Database.ScalarAsync<string>(DayCounts));

        var workload = await agent.GetFromJsonAsync<Contracts.WorkloadReport>("/api/agent/inquiries/workload?from=2026-03-01&to=2026-03-06");
        Assert.Equal(
            ["<1d open 1", "1-3d open 1", "3-7d open 1", "3-7d answered 1"],
            workload!.Backlog.Where(n => n.Count > 0).Select(n => $"{n.AgeBand} {n.Status} {n.Count}"));
        Assert.Equal(
            ["03-01 license 1", "03-02 license 1", "03-02 - 1", "03-05 spam-filter 1", "03-05 - 1"],
            workload.DailyIntake.Select(d => $"{d.Day:MM-dd} {d.Category ?? "-"} {d.Count}"));
        Assert.Equal(
            ["2026-W09 license 1", "2026-W10 license 1", "2026-W10 spam-filter 1", "2026-W10 - 2"],
            workload.Intake.Select(w => $"{w.Week} {w.Category ?? "-"} {w.Count}"));

        // A queue that existed before the counts (a restored database): attaching fills them from it once.
        await using (var detach = api.Database.DataSource.CreateCommand("DROP TRIGGER queue_day_counts_rows ON inquiry.mt_doc_queue; DELETE FROM inquiry.queue_day_counts"))
        {
            await detach.ExecuteNonQueryAsync();
        }

        await QueueDayCounts.AttachAsync(api.Store(), api.Database.DataSource, CancellationToken.None);
        Assert.Equal(Expected, await api.Database.ScalarAsync<string>(DayCounts));
        await QueueDayCounts.AttachAsync(api.Store(), api.Database.DataSource, CancellationToken.None);
        Assert.Equal(Expected, await api.Database.ScalarAsync<string>(DayCounts));
        await ActAsync(agent, f, "close", null);
        await api.ProjectedAsync(f);
        Assert.Equal(await api.Database.ScalarAsync<string>(QueueGroupedByDay), await api.Database.ScalarAsync<string>(DayCounts));
        Assert.Contains("2026-03-05 closed - 1", await api.Database.ScalarAsync<string>(DayCounts), StringComparison.Ordinal);

        // A rebuild empties the queue and replays the log into it; the counts go and come back with it.
        var counted = await api.Database.ScalarAsync<string>(DayCounts);
        await api.Daemon().RebuildProjectionAsync(QueueProjection.ProjectionName, TimeSpan.FromMinutes(1), CancellationToken.None);
        await api.ProjectedAsync(a, b, c, e, f);
        Assert.Equal(counted, await api.Database.ScalarAsync<string>(DayCounts));
    }

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
