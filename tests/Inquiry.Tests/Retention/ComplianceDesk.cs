using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Retention;

/// <summary>What a compliance officer does over HTTP, and what the tests look at in the database afterwards.</summary>
internal static class ComplianceDesk
{
    /// <summary>Three years of retention and a day: whatever had its last business activity before the jump is due after it.</summary>
    public static readonly TimeSpan PastRetention = TimeSpan.FromDays((3 * 365) + 2);

    public static readonly string[] PurgedTables = ["data_keys", "streams", "queue", "retention"];

    public static async Task<JsonElement> RunAsync(HttpClient compliance, bool dryRun)
    {
        var response = await compliance.PostAsJsonAsync("/api/compliance/retention-runs", new { dryRun });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> HoldAsync(HttpClient compliance, Guid id, string reason = "소송 대응 2026가합1234") =>
        compliance.PostAsJsonAsync($"/api/compliance/inquiries/{id}/legal-hold", new { reason });

    public static Task<HttpResponseMessage> ReleaseAsync(HttpClient compliance, Guid id) =>
        compliance.DeleteAsync($"/api/compliance/inquiries/{id}/legal-hold");

    /// <summary>Waits until both read models hold the inquiry at its stream's version, so a purge sees its latest state.</summary>
    public static Task ProjectedAsync(this InquiryApi api, params Guid[] ids) =>
        Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<long>(
                """
                SELECT count(*) FROM inquiry.mt_streams s JOIN inquiry.mt_doc_queue i ON i.id = s.id AND i.version = s.version
                JOIN inquiry.mt_doc_retention r ON r.id = s.id AND (r.data->>'version')::bigint = s.version WHERE s.id = ANY(@ids)
                """, ("ids", ids)) == ids.Length,
            "the read models to catch up with the streams");

    /// <summary>Rows about the inquiry in every table that holds it, by table.</summary>
    public static async Task<Dictionary<string, long>> RowsAsync(this InquiryApi api, Guid id) => new()
    {
        ["data_keys"] = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.data_keys WHERE inquiry_id = @id", ("id", id)),
        ["streams"] = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_streams WHERE id = @id", ("id", id)),
        ["events"] = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_events WHERE stream_id = @id", ("id", id)),
        ["queue"] = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_doc_queue WHERE id = @id", ("id", id)),
        ["retention"] = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_doc_retention WHERE id = @id", ("id", id)),
        ["satisfaction"] = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_doc_satisfaction WHERE id = @id", ("id", id)),
        ["response_time"] = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_doc_response_time WHERE id = @id", ("id", id)),
        ["attachments"] = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.attachments WHERE inquiry_id = @id", ("id", id)),
        ["purge_audit"] = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.purge_audit WHERE inquiry_id = @id", ("id", id)),
    };

    public static async Task AssertPurgedAsync(this InquiryApi api, Guid id, string reason)
    {
        var rows = await api.RowsAsync(id);
        Assert.All(rows.Where(r => r.Key != "purge_audit"), r => Assert.True(r.Value == 0, $"{r.Value} rows of inquiry {id} left in inquiry.{r.Key}"));
        Assert.Equal(1, rows["purge_audit"]);
        Assert.Equal(reason, await api.Database.ScalarAsync<string>("SELECT reason FROM inquiry.purge_audit WHERE inquiry_id = @id", ("id", id)));
    }

    public static async Task AssertIntactAsync(this InquiryApi api, Guid id)
    {
        var rows = await api.RowsAsync(id);
        Assert.All(PurgedTables.Append("events"), table => Assert.True(rows[table] > 0, $"inquiry {id} lost its rows in inquiry.{table}"));
        Assert.Equal(0, rows["purge_audit"]);
    }

    /// <summary>True when the text holds the value as such, or as the hex of its UTF-8 bytes (how bytea prints).</summary>
    public static bool Reveals(string text, string secret) =>
        text.Contains(secret, StringComparison.OrdinalIgnoreCase)
        || text.Contains(Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(secret)), StringComparison.Ordinal);

    public static async Task<string> AuditTextAsync(this InquiryApi api)
    {
        var rows = new List<string>();
        await using var command = api.Database.DataSource.CreateCommand("SELECT t::text FROM inquiry.purge_audit t");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return string.Join('\n', rows);
    }
}
