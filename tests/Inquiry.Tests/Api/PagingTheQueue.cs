using System.Net;
using System.Text.Json;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// The queue pages by keyset (the <c>next</c> and <c>previous</c> cursors), counts exactly only up
/// to 10,000 rows, and its waiting-on and unassigned views read their own columns and indexes.
/// </summary>
public sealed class PagingTheQueue(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task Every_order_pages_forward_and_back_without_overlap_when_the_timestamps_are_equal()
    {
        using var agent = api.Agent();
        var email = $"keyset.{Guid.NewGuid():N}@example.com";
        // The clock stands still: all five are submitted at the same instant, so only the id orders them.
        var submitted = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            submitted.Add((await api.SubmitAsync(Requests.Valid(email))).InquiryId);
        }

        // Two closed: nothing runs for them any more, so the due order puts them after the three open ones.
        var closed = submitted.Take(2).ToArray();
        foreach (var id in closed)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "close", "\"2\"")).StatusCode);
        }

        await Eventually.TrueAsync(
            async () => (await (await agent.GetAsync($"/api/agent/inquiries?q={email}&status=closed")).JsonAsync()).GetProperty("total").GetInt64() == 2,
            "the queue to hold all five, two of them closed");
        var byId = submitted.OrderBy(id => id.ToString(), StringComparer.Ordinal).ToList();
        var open = byId.Except(closed).ToList();
        var expected = new Dictionary<string, List<Guid>>
        {
            ["activity"] = byId,
            ["-activity"] = [.. Enumerable.Reverse(byId)],
            ["submitted"] = byId,
            ["-submitted"] = [.. Enumerable.Reverse(byId)],
            ["due"] = [.. open, .. byId.Intersect(closed)],
        };

        foreach (var (sort, order) in expected)
        {
            var forward = new List<List<Guid>>();
            var page = await PageAsync(agent, $"q={email}&sort={sort}&pageSize=2");
            Assert.Null(Cursor(page, "previous"));
            forward.Add(Ids(page));
            while (Cursor(page, "next") is { } next)
            {
                page = await PageAsync(agent, $"q={email}&sort={sort}&pageSize=2&after={next}");
                forward.Add(Ids(page));
            }

            var back = new List<List<Guid>> { forward[^1] };
            while (Cursor(page, "previous") is { } previous)
            {
                page = await PageAsync(agent, $"q={email}&sort={sort}&pageSize=2&before={previous}");
                back.Insert(0, Ids(page));
            }

            Assert.Equal(order, forward.SelectMany(p => p));
            Assert.Equal([2, 2, 1], forward.Select(p => p.Count));
            Assert.Equal(forward, back);
        }
    }

    [Fact]
    public async Task The_total_is_exact_up_to_ten_thousand_and_the_planners_estimate_past_it()
    {
        using var agent = api.Agent();
        var template = await api.SubmitAsync(Requests.Valid($"template.{Guid.NewGuid():N}@example.com"));
        await Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_doc_queue WHERE id = @id", ("id", template.InquiryId)) == 1,
            "the queue to list the template");
        // Ten thousand waiting inquiries, copies of the template's row (no test submits 10,000 inquiries over HTTP).
        await CopyAsWaitingAsync(template.InquiryId, 10_000);

        var exact = await PageAsync(agent, "status=waiting&pageSize=1");
        await CopyAsWaitingAsync(template.InquiryId, 1);
        var estimated = await PageAsync(agent, "status=waiting&pageSize=1");

        Assert.Equal(10_000, exact.GetProperty("total").GetInt64());
        Assert.False(exact.GetProperty("totalIsEstimate").GetBoolean());
        Assert.True(estimated.GetProperty("totalIsEstimate").GetBoolean());
        Assert.InRange(estimated.GetProperty("total").GetInt64(), 10_001, 11_000);
        Assert.NotNull(Cursor(estimated, "next"));
    }

    [Fact]
    public async Task Waiting_on_and_unassigned_are_filtered_on_their_own_columns_with_their_own_indexes()
    {
        using var agent = api.Agent();
        var email = $"columns.{Guid.NewGuid():N}@example.com";
        var assigned = await api.SubmitAsync(Requests.Valid(email));
        var unassigned = await api.SubmitAsync(Requests.Valid(email));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, assigned.InquiryId, "assign", "\"2\"", new { assigneeId = Guid.NewGuid(), assigneeName = "김상담" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, assigned.InquiryId, "replies", "\"3\"", new { body = "답변드립니다." })).StatusCode);

        var waitingOnCustomer = await Eventually.ReturnsAsync(
            async () => Ids(await PageAsync(agent, $"q={email}&waitingOn=customer")),
            ids => ids.Count == 1,
            "the reply to put the inquiry in the customer's hands");
        var waitingOnAgent = Ids(await PageAsync(agent, $"q={email}&waitingOn=agent"));
        var nobodys = Ids(await PageAsync(agent, $"q={email}&assignee=none"));

        Assert.Equal([assigned.InquiryId], waitingOnCustomer);
        Assert.Equal([unassigned.InquiryId], waitingOnAgent);
        Assert.Equal([unassigned.InquiryId], nobodys);
        Assert.Equal(0, await api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM inquiry.mt_doc_queue WHERE waiting_on IS DISTINCT FROM data ->> 'waitingOn'"));
        Assert.Equal(1, await api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_indexes WHERE schemaname = 'inquiry' AND tablename = 'mt_doc_queue' AND indexdef LIKE '%(waiting_on)%'"));
        Assert.Equal(1, await api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_indexes WHERE schemaname = 'inquiry' AND tablename = 'mt_doc_queue' AND indexdef LIKE '%(last_activity_at) WHERE (assignee_id IS NULL)'"));
    }

    private async Task CopyAsWaitingAsync(Guid template, int copies)
    {
        await using var connection = await api.Database.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = FormattableString.Invariant(
            $$"""
            CREATE TEMP TABLE copies ON COMMIT DROP AS SELECT q.* FROM inquiry.mt_doc_queue q, generate_series(1, {{copies}}) WHERE q.id = '{{template}}';
            UPDATE copies SET id = gen_random_uuid(), status = 'waiting', email_hash = 'copy';
            UPDATE copies SET data = jsonb_set(jsonb_set(data, '{id}', to_jsonb(id::text)), '{status}', '"waiting"');
            INSERT INTO inquiry.mt_doc_queue SELECT * FROM copies;
            ANALYZE inquiry.mt_doc_queue;
            """);
        await using var transaction = await connection.BeginTransactionAsync();
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static async Task<JsonElement> PageAsync(HttpClient agent, string query)
    {
        var response = await agent.GetAsync($"/api/agent/inquiries?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>A page's cursor; the API leaves out a null one.</summary>
    private static string? Cursor(JsonElement page, string name) => page.TryGetProperty(name, out var cursor) ? cursor.GetString() : null;

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("inquiryId").GetGuid())];
}
