using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SupportPlatform.Inquiry.Retention.Purging;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Inquiry.Tests.Retention;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.SubmittingInquiries;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.EventLog;

public sealed class PurgingLeavesNoTrace(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task After_a_purge_no_table_of_the_database_holds_anything_of_the_inquiry_plain_or_sealed()
    {
        const string email = "jung.purged@trace-example.co.kr";
        const string company = "흔적없음 주식회사";
        const string phone = "02-9876-5432";
        const string summary = "퍼지 후 흔적 검사";
        const string details = "스팸 차단 규칙이 **적용되지** 않습니다. 상세 로그 첨부.";
        using var customer = api.Customer();
        using var agent = api.Agent();
        using var compliance = api.Compliance();
        var upload = await (await customer.PostAsync("/api/attachments", Uploads.Text("흔적.txt", "blocked"))).JsonAsync();
        var receipt = await api.SubmitAsync(Requests.Valid(email)
            .With("companyName", company).With("phone", phone).With("summary", summary).With("details", details)
            .WithUploads(upload));
        var id = receipt.InquiryId;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "replies", "\"2\"", new { body = "회신 본문" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostMessageAsync(customer, id, receipt.AccessToken, "고객 추가 문의")).StatusCode);
        await api.ProjectedAsync(id);
        await Eventually.TrueAsync(() => Task.FromResult(api.PublishedOf<Contracts.CustomerFollowedUp>().Any(m => m.InquiryId == id)), "the conversation on the broker");
        // The message search index holds the keyed hashes of every text, the customer's follow-up included.
        var indexed = await IndexedTermsAsync(id);
        await Eventually.TrueAsync(async () => (indexed = await IndexedTermsAsync(id)) >= 12, "the message search index to hold the inquiry's texts");

        // Besides the plain values, every sealed value the stream held: a real delete leaves no ciphertext behind either.
        var sealedValues = await SealedValuesAsync(id);
        Assert.True(sealedValues.Count >= 8, $"expected the stream's sealed values, found {sealedValues.Count}");

        // Its terms' counts: at least its own words are held by no other inquiry.
        var terms = await TermsAsync(id);
        var countsBefore = (await MessageSearchTables.CountsAsync(api.Database)).Where(c => terms.Contains(c.Term)).ToList();
        Assert.Equal(terms.Count, countsBefore.Count);
        Assert.Contains(countsBefore, c => c.Inquiries == 1);

        var erasure = await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email });
        Assert.Equal(HttpStatusCode.OK, erasure.StatusCode);
        Assert.Equal(1, (await erasure.JsonAsync()).GetProperty("erased").GetInt32());
        await Eventually.TrueAsync(() => Task.FromResult(api.PublishedOf<Contracts.InquiryPurged>().Any(m => m.InquiryId == id)), "InquiryPurged on the broker");

        var secrets = new[] { email, "jung.purged", company, "흔적없음", phone, "9876-5432", summary, details, receipt.AccessToken, "흔적.txt", "회신 본문", "고객 추가 문의" }
            .Concat(sealedValues)
            .ToArray();
        var tables = await TablesAsync();
        Assert.Contains("inquiry.mt_events", tables);
        Assert.Contains("inquiry.mt_streams", tables);
        Assert.Contains("inquiry.mt_event_progression", tables);
        Assert.Contains("inquiry.mt_doc_queue", tables);
        Assert.Contains("inquiry.message_search_terms", tables);
        Assert.Equal(0L, await IndexedTermsAsync(id));
        // Each of its terms counts one inquiry less, and a term only it held has no count left (a keyed hash of its words).
        Assert.Equal(
            countsBefore.Where(c => c.Inquiries > 1).Select(c => c with { Inquiries = c.Inquiries - 1 }),
            (await MessageSearchTables.CountsAsync(api.Database)).Where(c => terms.Contains(c.Term)));
        foreach (var table in tables)
        {
            foreach (var secret in secrets)
            {
                // Rows as text show jsonb unescaped and bytea as hex: look for both spellings.
                var hits = await api.Database.ScalarAsync<long>(
                    $"SELECT count(*) FROM {table} t WHERE strpos(lower(t::text), lower(@plain)) > 0 OR strpos(t::text, @hex) > 0",
                    ("plain", secret), ("hex", Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret))));
                Assert.True(hits == 0, $"'{secret}' of the purged inquiry is still in {table}");
            }
        }

        await api.AssertPurgedAsync(id, PurgeReasons.ErasureRequest);
    }

    private async Task<HashSet<long>> TermsAsync(Guid id)
    {
        var terms = new HashSet<long>();
        await using var command = api.Database.DataSource.CreateCommand("SELECT term FROM inquiry.message_search_terms WHERE inquiry_id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            terms.Add(reader.GetInt64(0));
        }

        return terms;
    }

    private Task<long> IndexedTermsAsync(Guid id) =>
        api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.message_search_terms WHERE inquiry_id = @id", ("id", id));

    private async Task<List<string>> SealedValuesAsync(Guid id)
    {
        var values = new List<string>();
        await using var command = api.Database.DataSource.CreateCommand("SELECT data::text FROM inquiry.mt_events WHERE stream_id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Collect(JsonDocument.Parse(reader.GetString(0)).RootElement, values);
        }

        return values;

        // Sealed values are base64 of nonce + tag + ciphertext: long strings that parse as base64.
        static void Collect(JsonElement element, List<string> found)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Collect(property.Value, found);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item, found);
                    }

                    break;
                case JsonValueKind.String when element.GetString() is { Length: >= 40 } text && Convert.TryFromBase64String(text, new byte[text.Length], out _):
                    found.Add(text);
                    break;
            }
        }
    }

    /// <summary>Every table of every schema of the service's database.</summary>
    private async Task<List<string>> TablesAsync()
    {
        var tables = new List<string>();
        await using var command = api.Database.DataSource.CreateCommand(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
