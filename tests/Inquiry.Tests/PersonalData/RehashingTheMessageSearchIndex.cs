using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Inquiry.Inquiries.SearchingMessages;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.PersonalData;

/// <summary>
/// Issue 25: the message search index follows a lookup key rotation. The re-hash rebuilds each
/// inquiry's index rows from its sealed texts under the new key, in the batch that moves its other
/// hashes; afterwards no row of the old key is left, the index is what a rebuild under the new key
/// makes, and every inquiry is found by its words with the new key alone.
/// </summary>
public sealed class RehashingTheMessageSearchIndex(InquiryApi api) : IClassFixture<InquiryApi>
{
    private const string NewKeyId = "2027-02";

    [Fact]
    public async Task The_rehash_moves_the_index_and_its_counts_to_the_new_key_and_the_words_are_still_found_with_it_alone()
    {
        var inquiries = new Dictionary<Guid, string[]>();
        using (var agent = api.Agent())
        {
            for (var i = 0; i < 5; i++)
            {
                var words = new[] { SearchingMessageText.Hangul(3), SearchingMessageText.Hangul(3) };
                var receipt = await api.SubmitAsync(Requests.Valid().With("summary", "키 교체 검색").With("details", $"상세 {words[0]}"));
                var etag = (await agent.GetAsync($"/api/agent/inquiries/{receipt.InquiryId}")).Headers.ETag!.Tag;
                Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, receipt.InquiryId, "replies", etag, new { body = $"답변 {words[1]}" })).StatusCode);
                inquiries[receipt.InquiryId] = words;
            }
        }

        await FoundAsync(inquiries);
        var before = await RowsAsync();
        Assert.All(before, r => Assert.Equal(KeyIds.Initial, r.KeyId));

        var oldKey = api.Service.Settings["PersonalData:LookupKey"];
        await api.RestartAsync(change: settings =>
        {
            settings["PersonalData:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            settings["PersonalData:LookupKeyId"] = NewKeyId;
            settings["PersonalData:AcceptedLookupKeys:" + KeyIds.Initial] = oldKey;
            settings["Keys:RehashBatchSize"] = "2";
        });
        var status = await LookupKeyStatus.UntilRehashedAsync(api);
        Assert.Equal([KeyIds.Initial], status.Removable);

        var after = await RowsAsync();
        Assert.All(after, r => Assert.Equal(NewKeyId, r.KeyId));
        Assert.Equal(before.Select(r => r.InquiryId).Distinct().Order(), after.Select(r => r.InquiryId).Distinct().Order());
        Assert.Empty(before.Select(r => (r.Term, r.InquiryId)).Intersect(after.Select(r => (r.Term, r.InquiryId))));
        // The counts moved with the postings: every one under the new key, none of the old left.
        var counts = await MessageSearchTables.CountsAsync(api.Database);
        Assert.Equal(await MessageSearchTables.CountedFromPostingsAsync(api.Database), counts);
        Assert.All(counts, c => Assert.Equal(NewKeyId, c.KeyId));
        // What the re-hash wrote is what a rebuild from the streams under the new key writes.
        await api.Service.Services.GetRequiredService<MessageSearchRebuild>().RunAsync(CancellationToken.None);
        Assert.Equal(after, await RowsAsync());
        Assert.Equal(counts, await MessageSearchTables.CountsAsync(api.Database));

        await api.RestartAsync(change: settings => settings.Remove("PersonalData:AcceptedLookupKeys:" + KeyIds.Initial));
        await FoundAsync(inquiries);
    }

    private async Task FoundAsync(Dictionary<Guid, string[]> inquiries)
    {
        using var agent = api.Agent();
        foreach (var (id, words) in inquiries)
        {
            foreach (var word in words)
            {
                await Eventually.TrueAsync(
                    async () => (await agent.GetFromJsonAsync<Contracts.MessageSearchResults>($"/api/agent/inquiries/search?q={Uri.EscapeDataString(word)}"))!.Items.Any(h => h.InquiryId == id),
                    $"'{word}' to find inquiry {id}");
            }
        }
    }

    private async Task<List<(long Term, Guid InquiryId, string KeyId)>> RowsAsync()
    {
        var rows = new List<(long, Guid, string)>();
        await using var command = api.Database.DataSource.CreateCommand("SELECT term, inquiry_id, key_id FROM inquiry.message_search_terms ORDER BY term, inquiry_id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2)));
        }

        return rows;
    }
}
