using System.Net;
using System.Net.Http.Json;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>A database of its own, so "nothing stored" can be checked as "every table of the schema is empty".</summary>
public sealed class RefusingConsent(InquiryApi api) : IClassFixture<InquiryApi>
{
    public static TheoryData<object?> Refusals => new()
    {
        null,
        new Dictionary<string, object?> { ["accepted"] = false, ["policyVersion"] = "2024-01" },
        new Dictionary<string, object?> { ["accepted"] = true, ["policyVersion"] = "2019-03" },
        new Dictionary<string, object?> { ["accepted"] = true },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Without_consent_the_answer_is_400_on_consent_and_nothing_is_stored(object? consent)
    {
        using var client = api.Customer();
        var uploaded = await (await client.PostAsync("/api/attachments", Uploads.Text("로그.txt", "2026-01-05 blocked"))).JsonAsync();
        var attachmentId = uploaded.GetProperty("attachmentId").GetGuid();
        var uploadToken = uploaded.GetProperty("uploadToken").GetString();
        var before = await StoredRowsAsync();

        var response = await client.PostAsJsonAsync(
            "/api/inquiries", Requests.Valid().With("consent", consent).With("attachmentIds", new[] { attachmentId }).With("uploadTokens", new[] { uploadToken }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["consent"], await response.ErrorKeysAsync());
        // No sleep needed: the request is refused before anything is appended, and everything
        // written later (projection, publisher) follows the event log, which stays empty; the
        // clock-driven jobs are off in this fixture and the clock does not move.
        Assert.Equal(before, await StoredRowsAsync());
        Assert.All(before.Where(t => t.Key != "attachments"), t => Assert.Equal(0, t.Value));
        Assert.Equal(0, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.attachments WHERE inquiry_id IS NOT NULL"));
        Assert.Empty(api.Published);
    }

    private async Task<Dictionary<string, long>> StoredRowsAsync()
    {
        var tables = new List<string>();
        // mt_event_progression, schema_migrations, shred_watermark and service_level_revisions are
        // bookkeeping (where the daemon is in the log, which migrations ran, how far into the shred list
        // purges were applied, the SLA policy seeded from configuration at start), no inquiry data.
        await using (var command = api.Database.DataSource.CreateCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'inquiry' AND table_type = 'BASE TABLE' AND table_name NOT IN ('mt_event_progression', 'schema_migrations', 'shred_watermark', 'service_level_revisions')"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("data_keys", tables);
        Assert.Contains("mt_events", tables);
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            counts[table] = await api.Database.ScalarAsync<long>($"SELECT count(*) FROM inquiry.{table}");
        }

        return counts;
    }
}
