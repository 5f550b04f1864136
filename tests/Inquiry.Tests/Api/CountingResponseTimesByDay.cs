using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Marten;
using SupportPlatform.Inquiry.Inquiries.Reporting;
using SupportPlatform.Inquiry.Tests.EventLog;
using SupportPlatform.Inquiry.Tests.Retention;
using SupportPlatform.ServiceDefaults.Reporting;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// The response times' day histograms (<c>inquiry.response_time_histograms</c>) that the operations
/// view reads: they equal a recount of the response-time documents, made here in C# from the
/// documents Marten reads back, through first responses, next responses, resolutions, a priority
/// changed afterwards, an erasure, a late attach and a rebuild; and PostgreSQL buckets minutes as
/// <see cref="BusinessMinuteBuckets"/> does.
/// </summary>
public sealed class CountingResponseTimesByDay(InquiryApi api) : IClassFixture<InquiryApi>
{
    private static readonly TimeSpan Korea = TimeSpan.FromHours(9);

    [Fact]
    public async Task The_histograms_equal_a_recount_of_the_documents_through_updates_an_erasure_a_late_attach_and_a_rebuild()
    {
        using var kim = Agent("김상담");
        using var lee = Agent("이상담");
        using var customer = api.Customer();
        using var compliance = api.Compliance();
        // Monday of 2026-W11 in Seoul; Tuesday and Wednesday after.
        MoveTo(new DateTimeOffset(2026, 3, 9, 10, 0, 0, Korea));
        var quick = await api.SubmitAsync();
        var slow = await api.SubmitAsync();
        var erased = (await api.SubmitAsync(Requests.Valid("response.times.erased@hanil-mail.co.kr"))).InquiryId;
        MoveTo(new DateTimeOffset(2026, 3, 9, 10, 40, 0, Korea));
        await ActAsync(kim, quick.InquiryId, "replies", new { body = "확인했습니다." });
        await ActAsync(kim, erased, "replies", new { body = "확인했습니다." });
        MoveTo(new DateTimeOffset(2026, 3, 9, 12, 0, 0, Korea));
        Assert.True((await SubmittingInquiries.PostMessageAsync(customer, quick.InquiryId, quick.AccessToken, "추가 문의입니다.")).IsSuccessStatusCode);
        MoveTo(new DateTimeOffset(2026, 3, 10, 15, 0, 0, Korea));
        await ActAsync(lee, quick.InquiryId, "replies", new { body = "안내드립니다." });
        await ActAsync(lee, slow.InquiryId, "replies", new { body = "확인했습니다." });
        await CaughtUpAsync();
        var counted = await HistogramsAsync();
        Assert.Equal(await RecountAsync(), counted);
        Assert.Equal(["first", "next"], counted.Select(line => line.Split(' ')[2]).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(counted, line => line.Contains(" first normal ", StringComparison.Ordinal) && line.Contains(" 이상담 ", StringComparison.Ordinal));

        // A priority changed after the responses moves every one of them; closing adds the resolutions.
        await ActAsync(kim, slow.InquiryId, "priority", new { priority = "urgent" });
        MoveTo(new DateTimeOffset(2026, 3, 11, 11, 0, 0, Korea));
        await ActAsync(kim, quick.InquiryId, "close", null);
        await ActAsync(lee, slow.InquiryId, "close", null);
        await CaughtUpAsync();
        counted = await HistogramsAsync();
        Assert.Equal(await RecountAsync(), counted);
        Assert.Contains(counted, line => line.Contains(" resolution urgent ", StringComparison.Ordinal));
        Assert.DoesNotContain(counted, line => line.Contains(" first normal ", StringComparison.Ordinal) && line.Contains(" 이상담 ", StringComparison.Ordinal));
        Assert.Contains(counted, line => line.Contains(" first urgent ", StringComparison.Ordinal) && line.Contains(" 이상담 ", StringComparison.Ordinal));

        // An erasure deletes the document: what it counted goes.
        await api.ProjectedAsync(erased);
        Assert.Equal(HttpStatusCode.OK, (await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email = "response.times.erased@hanil-mail.co.kr" })).StatusCode);
        await Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_doc_response_time WHERE id = @id", ("id", erased)) == 0,
            "the erased inquiry's response times to go");
        var afterErasure = await HistogramsAsync();
        Assert.Equal(await RecountAsync(), afterErasure);
        Assert.NotEqual(counted, afterErasure);

        // A table that existed before the histograms (a restored database): attaching fills them from it once.
        await using (var detach = api.Database.DataSource.CreateCommand("DROP TRIGGER response_time_histograms_rows ON inquiry.mt_doc_response_time; DELETE FROM inquiry.response_time_histograms"))
        {
            await detach.ExecuteNonQueryAsync();
        }

        await ResponseTimeHistograms.AttachAsync(api.Store(), api.Database.DataSource, CancellationToken.None);
        Assert.Equal(afterErasure, await HistogramsAsync());
        await ResponseTimeHistograms.AttachAsync(api.Store(), api.Database.DataSource, CancellationToken.None);
        Assert.Equal(afterErasure, await HistogramsAsync());

        // A rebuild empties the documents and replays the log into them; the histograms go and come back with them.
        await api.Daemon().RebuildProjectionAsync(ResponseTimeProjection.ProjectionName, TimeSpan.FromMinutes(1), CancellationToken.None);
        await CaughtUpAsync();
        Assert.Equal(afterErasure, await HistogramsAsync());
        Assert.Equal(await RecountAsync(), await HistogramsAsync());

        // The report reads whole weeks from week rows and the days around them from day rows: all count alike.
        foreach (var (from, to) in new[] { ("2026-03-09", "2026-03-15"), ("2026-03-10", "2026-03-16"), ("2026-03-04", "2026-03-17"), ("2026-03-11", "2026-03-11") })
        {
            var report = await kim.GetFromJsonAsync<Contracts.ResponseTimeReport>($"/api/agent/inquiries/response-times?from={from}&to={to}");
            var expected = (await RecountAsync()).Select(line => line.Split(' '))
                .Where(words => words[0] == "day" && string.CompareOrdinal(words[1], from) >= 0 && string.CompareOrdinal(words[1], to) <= 0)
                .Sum(words => long.Parse(words[6], CultureInfo.InvariantCulture));
            Assert.True(expected > 0, $"nothing counted from {from} to {to}");
            Assert.Equal(expected, report!.Rows.Sum(r => r.FirstResponse.Count + r.Resolution.Count + r.NextResponse.Count));
            Assert.Equal(expected, report.Agents.Sum(a => a.FirstResponse.Count + a.Resolution.Count + a.NextResponse.Count));
        }
    }

    [Fact]
    public async Task PostgreSQL_buckets_business_minutes_as_the_report_reads_them()
    {
        int[] minutes = [.. Enumerable.Range(-2, 70_000), .. Enumerable.Range(0, 24).Select(shift => (1 << (shift + 7)) - 1), .. Enumerable.Range(0, 24).Select(shift => 1 << (shift + 7)), int.MaxValue];
        var buckets = new List<int>();
        await using (var command = api.Database.DataSource.CreateCommand("SELECT inquiry.business_minute_bucket(m) FROM unnest(@minutes) WITH ORDINALITY u(m, i) ORDER BY i"))
        {
            command.Parameters.AddWithValue("minutes", minutes);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                buckets.Add(reader.GetInt32(0));
            }
        }

        Assert.Equal(minutes.Select(BusinessMinuteBuckets.BucketOf), buckets);
    }

    /// <summary>The nonzero rows, one line each: day, kind, priority, agent, name, responses, met, then bucket:count.</summary>
    private async Task<List<string>> HistogramsAsync()
    {
        var lines = new List<string>();
        await using var command = api.Database.DataSource.CreateCommand(
            "SELECT span, day, kind, priority, agent_id, agent_name, responses, met, bucket_counts FROM inquiry.response_time_histograms WHERE responses <> 0");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var bucketCounts = reader.GetFieldValue<long[]>(8);
            lines.Add(Line(
                reader.GetString(0),
                reader.GetFieldValue<DateOnly>(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                bucketCounts.Select(b => (ResponseTimeHistograms.BucketOf(b), ResponseTimeHistograms.CountOf(b))).Where(b => b.Item2 != 0)));
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }

    /// <summary>The same lines counted from the documents: each first response, resolution and next response on its Korean day.</summary>
    private async Task<List<string>> RecountAsync()
    {
        await using var session = api.Store().QuerySession();
        var documents = await session.Query<ResponseTime>().ToListAsync();
        var responses = documents.SelectMany(d => new (DateTimeOffset? At, string Kind, Guid? Agent, string? Name, int? Minutes, bool Met)[]
            {
                (d.FirstRespondedAt, "first", d.FirstResponderId, d.FirstResponderName, d.FirstResponseMinutes, d.FirstResponseMet == true),
                (d.ResolvedAt, "resolution", d.LastResponderId, d.LastResponderName, d.ResolutionMinutes, d.ResolutionMet == true),
            }
            .Concat<(DateTimeOffset? At, string Kind, Guid? Agent, string? Name, int? Minutes, bool Met)>((d.NextResponses ?? []).Select(n => ((DateTimeOffset?)n.CompletedAt, "next", n.AgentId, n.AgentName, (int?)n.Minutes, n.Met)))
            .Where(r => r.At is not null)
            .Select(r => (Day: DateOnly.FromDateTime(r.At!.Value.ToOffset(Korea).DateTime), r.Kind, d.Priority, r.Agent, r.Name, r.Minutes, r.Met)))
            // Each counted in its day's row and twice in its ISO week's (the Monday's): per priority (no agent) and per agent (no priority).
            .SelectMany(r => new[]
            {
                (Span: "day", Start: r.Day, r.Kind, Priority: (string?)r.Priority, r.Agent, r.Name, r.Minutes, r.Met),
                (Span: "week_priority", Start: ReportPeriod.MondayOf(r.Day), r.Kind, Priority: (string?)r.Priority, Agent: (Guid?)null, Name: (string?)null, r.Minutes, r.Met),
                (Span: "week_agent", Start: ReportPeriod.MondayOf(r.Day), r.Kind, Priority: (string?)null, r.Agent, r.Name, r.Minutes, r.Met),
            });
        return
        [
            .. responses
                .GroupBy(r => (r.Span, r.Start, r.Kind, r.Priority, r.Agent, r.Name))
                .Select(g => Line(
                    g.Key.Span, g.Key.Start, g.Key.Kind, g.Key.Priority, g.Key.Agent, g.Key.Name, g.Count(), g.Count(r => r.Met),
                    g.Where(r => r.Minutes is not null).GroupBy(r => BusinessMinuteBuckets.BucketOf(r.Minutes!.Value)).Select(b => (b.Key, (long)b.Count()))))
                .Order(StringComparer.Ordinal),
        ];
    }

    private static string Line(string span, DateOnly day, string kind, string? priority, Guid? agent, string? name, long responses, long met, IEnumerable<(int Bucket, long Count)> buckets) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{span} {day:yyyy-MM-dd} {kind} {priority ?? "-"} {agent?.ToString() ?? "-"} {name ?? "-"} {responses} {met} {string.Join(',', buckets.OrderBy(b => b.Bucket).Select(b => $"{b.Bucket}:{b.Count}"))}");

    /// <summary>An agent of their own id and name, as the desk's token names them.</summary>
    private HttpClient Agent(string name)
    {
        var client = api.Service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", StaffTokens.For(Guid.NewGuid(), name, "agent"));
        return client;
    }

    private async Task CaughtUpAsync() =>
        await Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<bool>(
                """
                SELECT coalesce((SELECT last_seq_id FROM inquiry.mt_event_progression WHERE name = 'response-time:All'), 0)
                    >= (SELECT coalesce(max(seq_id), 0) FROM inquiry.mt_events)
                """),
            "the response-time read model to catch up with the log");

    private void MoveTo(DateTimeOffset at) => api.Service.Time.SetUtcNow(at.ToUniversalTime());

    private static async Task ActAsync(HttpClient agent, Guid id, string action, object? body)
    {
        var current = await agent.GetAsync($"/api/agent/inquiries/{id}");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, action, current.Headers.ETag!.Tag, body)).StatusCode);
    }
}
