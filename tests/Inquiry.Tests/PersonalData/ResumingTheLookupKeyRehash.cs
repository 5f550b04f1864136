using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.PersonalData;

/// <summary>
/// A re-hash cut short goes on where it was: half of the inquiries are held (as a long purge or
/// append would hold them) while the service re-hashes the other half, lookups find both halves
/// meanwhile, and after a restart the rest moves and the old key is no longer needed.
/// </summary>
public sealed class ResumingTheLookupKeyRehash(InquiryApi api) : IClassFixture<InquiryApi>
{
    private const int Count = 12;
    private const string NewKeyId = "2027-03";

    [Fact]
    public async Task An_interrupted_rehash_resumes_after_a_restart_and_lookups_accept_both_keys_meanwhile()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var inquiries = new Dictionary<Guid, (string Email, string Word)>();
        for (var i = 0; i < Count; i++)
        {
            var (email, word) = ($"resume{i}.{run}@lookup-rotation.co.kr", $"res{run}n{i}");
            inquiries[(await api.SubmitAsync(Requests.Valid(email).With("summary", $"{word} 스팸메일"))).InquiryId] = (email, word);
        }

        using (var agent = api.Agent())
        {
            foreach (var (id, (email, _)) in inquiries)
            {
                await Eventually.TrueAsync(async () => await RotatingTheLookupKey.FindAsync(agent, email) is [var found] && found == id, "the queue to list every inquiry");
            }
        }

        // Half of the streams are held, so the run at start skips them and ends with them left.
        var held = inquiries.Keys.Order().Where((_, i) => i % 2 == 0).ToArray();
        await using var holder = await api.Database.DataSource.OpenConnectionAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("SELECT id FROM inquiry.mt_streams WHERE id = ANY(@ids) FOR UPDATE", holder, holding))
        {
            hold.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", held));
            await hold.ExecuteNonQueryAsync();
        }

        var oldKey = api.Service.Settings["PersonalData:LookupKey"];
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await api.RestartAsync(change: settings =>
        {
            settings["PersonalData:LookupKey"] = newKey;
            settings["PersonalData:LookupKeyId"] = NewKeyId;
            settings["PersonalData:AcceptedLookupKeys:" + KeyIds.Initial] = oldKey;
            settings["Keys:RehashBatchSize"] = "4";
        });
        var midway = await Eventually.ReturnsAsync(
            () => LookupKeyStatus.LookupAsync(api), s => s.LastRun is { FinishedAt: not null }, "the first re-hash run to end");

        Assert.Equal((long)(Count - held.Length), midway.LastRun!.Moved);
        Assert.Equal((long)held.Length, midway.LookupKeys.Single(k => k.KeyId == KeyIds.Initial).Inquiries);
        Assert.Equal((long)(Count - held.Length), midway.LookupKeys.Single(k => k.Current).Inquiries);
        Assert.Empty(midway.Removable);
        using (var agent = api.Agent())
        {
            // Both halves are found meanwhile: the moved ones by their new hashes, the held ones by their old.
            foreach (var (id, (email, word)) in inquiries)
            {
                Assert.Equal([id], await RotatingTheLookupKey.FindAsync(agent, email));
                Assert.Equal([id], await RotatingTheLookupKey.FindAsync(agent, word));
            }
        }

        // The interruption: the hold ends and the service restarts; the run at start takes what was left.
        await holding.RollbackAsync();
        await api.RestartAsync();
        var done = await LookupKeyStatus.UntilRehashedAsync(api);
        Assert.Equal([KeyIds.Initial], done.Removable);
        Assert.Equal((long)Count, done.LookupKeys.Single(k => k.Current).Inquiries);

        // A projection that read an event just before its re-hash writes the old hash back into the
        // queue entry: the old key is in use again, and the next run hands the inquiry back and moves it.
        var (staleId, (staleEmail, _)) = inquiries.First();
        var oldHash = new LookupKeys(new KeyRing<byte[]>(KeyIds.Initial, Convert.FromBase64String(oldKey!), new Dictionary<string, byte[]>())).EmailHash(staleEmail);
        Assert.Equal(1, await api.Database.ScalarAsync<int>(
            "WITH stale AS (UPDATE inquiry.mt_doc_queue SET email_hash = @hash, data = jsonb_set(data, '{emailHash}', to_jsonb(@hash)) WHERE id = @id RETURNING 1) SELECT count(*)::int FROM stale",
            ("hash", oldHash), ("id", staleId)));
        var stale = await LookupKeyStatus.LookupAsync(api);
        Assert.Equal((1L, 1L), (stale.Remaining, stale.LookupKeys.Single(k => k.KeyId == KeyIds.Initial).QueueEntries));
        Assert.Empty(stale.Removable);
        Assert.Equal([KeyIds.Initial], (await LookupKeyStatus.UntilRehashedAsync(api)).Removable);
        Assert.StartsWith(NewKeyId + ":", await api.Database.ScalarAsync<string>("SELECT email_hash FROM inquiry.mt_doc_queue WHERE id = @id", ("id", staleId)), StringComparison.Ordinal);

        await api.RestartAsync(change: settings => settings.Remove("PersonalData:AcceptedLookupKeys:" + KeyIds.Initial));
        using var reader = api.Agent();
        foreach (var (id, (email, word)) in inquiries)
        {
            Assert.Equal([id], await RotatingTheLookupKey.FindAsync(reader, email));
            Assert.Equal([id], await RotatingTheLookupKey.FindAsync(reader, word));
        }
    }
}
