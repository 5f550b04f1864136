using System.Text;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Api;

public sealed class KeepingPersonalDataSealed(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task No_table_of_the_schema_holds_the_email_phone_company_or_token_in_plain_text()
    {
        const string email = "park.seojun@hanbit-secure.co.kr";
        const string phone = "02-3456-7890";
        const string company = "한빛시큐어 주식회사";
        const string fileName = "차단로그-park.seojun.txt";
        using var client = api.Customer();
        var upload = await (await client.PostAsync("/api/attachments", Uploads.Text(fileName, $"blocked sender {email}"))).JsonAsync();
        var receipt = await api.SubmitAsync(Requests.Valid(email)
            .With("phone", phone)
            .With("companyName", company)
            .WithUploads(upload));
        using var agent = api.Agent();
        await Eventually.TrueAsync(
            async () => (await (await agent.GetAsync($"/api/agent/inquiries?q={email}")).JsonAsync()).GetProperty("total").GetInt64() == 1,
            "the read model to hold the inquiry");

        var tables = new List<string>();
        await using (var command = api.Database.DataSource.CreateCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'inquiry' AND table_type = 'BASE TABLE'"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Superset(new HashSet<string> { "mt_events", "mt_streams", "data_keys", "attachments", "mt_doc_queue", "mt_doc_retention" }, tables.ToHashSet());
        foreach (var secret in new[] { email, "park.seojun", phone, "3456-7890", company, "한빛시큐어", receipt.AccessToken, fileName })
        {
            // Rows as text show jsonb unescaped and bytea as hex: look for both spellings.
            var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret));
            foreach (var table in tables)
            {
                var hits = await api.Database.ScalarAsync<long>(
                    $"SELECT count(*) FROM inquiry.{table} t WHERE strpos(lower(t::text), lower(@plain)) > 0 OR strpos(t::text, @hex) > 0",
                    ("plain", secret), ("hex", hex));
                Assert.True(hits == 0, $"'{secret}' found in plain text in inquiry.{table}");
            }
        }

        Assert.Equal(1, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_events WHERE stream_id = @id AND type = 'inquiry_submitted'", ("id", receipt.InquiryId)));
    }
}
