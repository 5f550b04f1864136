using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Inquiries.Submitting;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.PersonalData;

/// <summary>
/// A new lookup key is made current while the service keeps working: the re-hash recomputes every
/// inquiry's email hash and search tokens from its sealed data while submissions, lookups by address
/// and by word, a correction, a 내 문의 request and an erasure go on, and at the end every inquiry is
/// found with the new key alone and no hash of the old one is left in the database.
/// </summary>
public sealed class RotatingTheLookupKey(InquiryApi api) : IClassFixture<InquiryApi>
{
    private const int Before = 30;
    private const int During = 20;
    private const string NewKeyId = "2027-01";

    [Fact]
    public async Task Under_load_every_hash_moves_to_the_new_lookup_key_and_every_inquiry_is_found_with_it_alone()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var inquiries = new ConcurrentDictionary<Guid, (string Email, string Word)>();
        for (var i = 0; i < Before; i++)
        {
            var (email, word) = ($"before{i}.{run}@lookup-rotation.co.kr", $"rot{run}b{i}");
            inquiries[(await api.SubmitAsync(Requests.Valid(email).With("summary", $"{word} 랜섬웨어 관련"))).InquiryId] = (email, word);
        }

        var (correctedId, (submittedEmail, correctedWord)) = inquiries.OrderBy(i => i.Key).First();
        using (var compliance = api.Compliance())
        {
            var corrected = $"corrected.{run}@lookup-rotation.co.kr";
            var correction = await compliance.PostAsJsonAsync("/api/compliance/corrections", new { email = submittedEmail, field = "email", value = corrected });
            Assert.Equal(HttpStatusCode.OK, correction.StatusCode);
            inquiries[correctedId] = (corrected, correctedWord);
        }

        using var agent = api.Agent();
        foreach (var (id, (email, _)) in inquiries)
        {
            await Eventually.TrueAsync(async () => await FindAsync(agent, email) is [var found] && found == id, "the queue to list every inquiry under its address");
        }

        var oldKey = api.Service.Settings["PersonalData:LookupKey"];
        await api.RestartAsync(change: settings =>
        {
            settings["PersonalData:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            settings["PersonalData:LookupKeyId"] = NewKeyId;
            settings["PersonalData:AcceptedLookupKeys:" + KeyIds.Initial] = oldKey;
            // Small batches, so the re-hash interleaves with the load below.
            settings["Keys:RehashBatchSize"] = "2";
        });

        // The re-hash started with the service; the load runs against it meanwhile.
        var failures = new ConcurrentBag<string>();
        var older = inquiries.Keys.Order().ToArray();
        var erasedId = older[^1];
        await Parallel.ForEachAsync(Enumerable.Range(0, During), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            using var customer = api.Customer();
            using var desk = api.Agent();
            var (email, word) = ($"during{i}.{run}@lookup-rotation.co.kr", $"rot{run}d{i}");
            var submitted = await customer.PostAsJsonAsync("/api/inquiries", Requests.Valid(email).With("summary", $"{word} 랜섬웨어 관련"));
            if (submitted.StatusCode != HttpStatusCode.Created)
            {
                failures.Add($"submit {i}: {submitted.StatusCode}");
                return;
            }

            inquiries[(await submitted.Content.ReadFromJsonAsync<InquiryReceipt>())!.InquiryId] = (email, word);
            var lookedUp = older[i % (older.Length - 1)];
            var (olderEmail, olderWord) = inquiries[lookedUp];
            if (await FindAsync(desk, olderEmail) is not [var byEmail] || byEmail != lookedUp)
            {
                failures.Add($"lookup by address {i}");
            }

            if (await FindAsync(desk, olderWord) is not [var byWord] || byWord != lookedUp)
            {
                failures.Add($"lookup by word {i}");
            }
        });
        using (var customer = api.Customer())
        {
            Assert.Equal(HttpStatusCode.Accepted, (await customer.PostAsJsonAsync("/api/inquiry-links", new { email = inquiries[older[1]].Email })).StatusCode);
        }

        using (var compliance = api.Compliance())
        {
            var erasure = await (await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email = inquiries[erasedId].Email })).JsonAsync();
            Assert.Equal(1, erasure.GetProperty("erased").GetInt32());
            inquiries.TryRemove(erasedId, out _);
        }

        Assert.Empty(failures);
        await Eventually.TrueAsync(() => Task.FromResult(api.PublishedOf<InquiryLinksRequested>().Any(l => l.InquiryIds.SequenceEqual([older[1]]))), "the 내 문의 email to list its inquiry");
        // Streams busy with a submission's append are skipped by a run; the next tick takes them.
        var status = await LookupKeyStatus.UntilRehashedAsync(api);
        Assert.Equal(NewKeyId, status.CurrentLookupKey);
        Assert.Equal([KeyIds.Initial], status.Removable);
        Assert.Empty(status.Missing);
        Assert.Equal(0, status.Mixed);
        var current = status.LookupKeys.Single(k => k.Current);
        Assert.Equal((long)inquiries.Count, current.Inquiries);
        Assert.True(status.LastRun is { Moved: > 0 });

        // The old key leaves the configuration: every inquiry is still found, by address and by word, with the new key alone.
        await api.RestartAsync(change: settings => settings.Remove("PersonalData:AcceptedLookupKeys:" + KeyIds.Initial));
        using var reader = api.Agent();
        foreach (var (id, (email, word)) in inquiries)
        {
            await Eventually.TrueAsync(async () => await FindAsync(reader, email) is [var found] && found == id, $"inquiry {id} by its address");
            Assert.Equal([id], await FindAsync(reader, word));
        }

        Assert.Empty(await FindAsync(reader, submittedEmail));
        // Every submission and the email correction carry a hash of the new key, and no event a hash of another.
        Assert.Equal(inquiries.Count + 1L, await api.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM inquiry.mt_events WHERE type IN ('inquiry_submitted', 'contact_details_corrected') AND data ->> 'emailHash' LIKE '{NewKeyId}:%'"));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM inquiry.mt_events WHERE type IN ('inquiry_submitted', 'contact_details_corrected') AND data ->> 'emailHash' NOT LIKE '{NewKeyId}:%'"));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM inquiry.mt_events e, jsonb_array_elements_text(e.data -> 'searchTokens') t WHERE e.type = 'inquiry_submitted' AND t NOT LIKE '{NewKeyId}:%'"));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM inquiry.mt_doc_queue q WHERE q.email_hash NOT LIKE '{NewKeyId}:%' OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(q.data -> 'searchTokens') t WHERE t NOT LIKE '{NewKeyId}:%')"));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM inquiry.data_keys WHERE lookup_key_id IS DISTINCT FROM '{NewKeyId}'"));
    }

    /// <summary>The ids the agent queue lists for a search (an address or a word).</summary>
    internal static async Task<Guid[]> FindAsync(HttpClient agent, string query)
    {
        var page = await (await agent.GetAsync($"/api/agent/inquiries?pageSize=100&q={Uri.EscapeDataString(query)}")).JsonAsync();
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("inquiryId").GetGuid())];
    }
}

/// <summary>The lookup key's part of <c>GET /api/operations/keys</c>, as an admin reads it.</summary>
internal static class LookupKeyStatus
{
    public static async Task<LookupKeyRotationStatus> LookupAsync(InquiryApi api)
    {
        using var admin = api.Service.CreateClient().WithStaff("admin");
        return (await admin.GetFromJsonAsync<KeyRotationStatus>("/api/operations/keys"))!.LookupKeys;
    }

    /// <summary>Waits for the re-hash to leave nothing on another key, moving the service's clock a minute at a time so its job runs again.</summary>
    public static Task<LookupKeyRotationStatus> UntilRehashedAsync(InquiryApi api) => Eventually.ReturnsAsync(
        async () =>
        {
            var status = await LookupAsync(api);
            if (status.Remaining > 0)
            {
                api.Service.Time.Advance(TimeSpan.FromMinutes(1));
            }

            return status;
        },
        s => s.Remaining == 0,
        "the re-hash to finish",
        TimeSpan.FromSeconds(60));
}
