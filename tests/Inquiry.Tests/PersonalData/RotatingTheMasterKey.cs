using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Inquiries.Submitting;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.PersonalData;

/// <summary>
/// A new master key is made current while the service keeps working: the re-wrap moves every key
/// to it in small batches while submissions, replies, follow-ups and an erasure go on, and at the
/// end the service runs with the new key alone and reads everything.
/// </summary>
public sealed class RotatingTheMasterKey(InquiryApi api) : IClassFixture<InquiryApi>
{
    private const int Before = 30;
    private const int During = 30;

    [Fact]
    public async Task Under_load_every_key_moves_to_the_new_master_key_and_every_inquiry_reads_with_it_alone()
    {
        var expected = new ConcurrentDictionary<Guid, string>();
        var receipts = new ConcurrentDictionary<Guid, InquiryReceipt>();
        for (var i = 0; i < Before; i++)
        {
            var email = $"before{i}@rotation-example.co.kr";
            var receipt = await api.SubmitAsync(Requests.Valid(email));
            (expected[receipt.InquiryId], receipts[receipt.InquiryId]) = (email, receipt);
        }

        using (var customer = api.Customer())
        {
            var unbound = await (await customer.PostAsync("/api/attachments", Uploads.File("before.png", Uploads.Png))).JsonAsync();
            var withFile = await api.SubmitAsync(Requests.Valid("file@rotation-example.co.kr").WithUploads(unbound));
            (expected[withFile.InquiryId], receipts[withFile.InquiryId]) = ("file@rotation-example.co.kr", withFile);
            // One more upload stays unbound across the rotation: its key is wrapped with the master key too.
            await customer.PostAsync("/api/attachments", Uploads.File("pending.png", Uploads.Png));
        }

        var oldKey = api.Service.Settings["PersonalData:MasterKey"];
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await api.RestartAsync(change: settings =>
        {
            settings["PersonalData:MasterKey"] = newKey;
            settings["PersonalData:MasterKeyId"] = "2027-01";
            settings["PersonalData:AcceptedMasterKeys:" + MasterKeys.InitialId] = oldKey;
            // Small batches, so the re-wrap interleaves with the load below.
            settings["Keys:RewrapBatchSize"] = "3";
        });

        // The re-wrap started with the service; the load runs against it meanwhile.
        var failures = new ConcurrentBag<string>();
        var erasedId = receipts.Keys.First(id => expected[id].StartsWith("before", StringComparison.Ordinal));
        var erasedEmail = expected[erasedId];
        await Parallel.ForEachAsync(Enumerable.Range(0, During), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            using var customer = api.Customer();
            using var agent = api.Agent();
            var email = $"during{i}@rotation-example.co.kr";
            var submitted = await customer.PostAsJsonAsync("/api/inquiries", Requests.Valid(email));
            if (submitted.StatusCode != HttpStatusCode.Created)
            {
                failures.Add($"submit {i}: {submitted.StatusCode}");
                return;
            }

            var receipt = (await submitted.Content.ReadFromJsonAsync<InquiryReceipt>())!;
            (expected[receipt.InquiryId], receipts[receipt.InquiryId]) = (email, receipt);
            // An agent replies to one older inquiry, its customer follows up on another.
            var older = receipts.Keys.Where(id => expected[id].StartsWith("before", StringComparison.Ordinal)).OrderBy(id => id).ToArray();
            var replied = await ReplyAsync(agent, older[(2 * i) % older.Length]);
            var followed = await FollowUpAsync(customer, receipts[older[((2 * i) + 1) % older.Length]]);
            if (replied != HttpStatusCode.OK)
            {
                failures.Add($"reply {i}: {replied}");
            }

            if (followed != HttpStatusCode.Created)
            {
                failures.Add($"follow-up {i}: {followed}");
            }
        });
        using (var compliance = api.Compliance())
        {
            var erasure = await (await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email = erasedEmail })).JsonAsync();
            Assert.Equal(1, erasure.GetProperty("erased").GetInt32());
            expected.TryRemove(erasedId, out _);
        }

        Assert.Empty(failures);
        using var admin = api.Service.CreateClient().WithStaff("admin");
        var status = await Eventually.ReturnsAsync(
            async () => (await admin.GetFromJsonAsync<KeyRotationStatus>("/api/operations/keys"))!,
            s => s.Remaining == 0, "the re-wrap to finish");
        Assert.Equal("2027-01", status.CurrentMasterKey);
        Assert.Equal([MasterKeys.InitialId], status.Removable);
        Assert.Empty(status.Missing);
        var current = status.MasterKeys.Single(k => k.Current);
        // Every inquiry submitted here (the other test of the class may have added one).
        Assert.InRange(current.DataKeys, expected.Count, expected.Count + 1);
        Assert.Equal(1, current.UnboundAttachments);
        Assert.True(status.LastRun is { Moved: > 0 });

        // The old key leaves the configuration: everything still opens, with the new key alone.
        await api.RestartAsync(change: settings => settings.Remove("PersonalData:AcceptedMasterKeys:" + MasterKeys.InitialId));
        using var reader = api.Agent();
        foreach (var (id, email) in expected)
        {
            var view = await reader.GetAsync($"/api/agent/inquiries/{id}");
            Assert.Equal(HttpStatusCode.OK, view.StatusCode);
            Assert.Equal(email, (await view.JsonAsync()).GetProperty("email").GetString());
        }

        var file = receipts.Values.Single(r => expected.GetValueOrDefault(r.InquiryId) == "file@rotation-example.co.kr");
        var attachment = (await (await reader.GetAsync($"/api/agent/inquiries/{file.InquiryId}")).JsonAsync()).GetProperty("attachments")[0].GetProperty("attachmentId").GetGuid();
        Assert.Equal(Uploads.Png, await reader.GetByteArrayAsync($"/api/agent/inquiries/{file.InquiryId}/attachments/{attachment}"));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.data_keys WHERE master_key_id <> '2027-01'"));
    }

    [Fact]
    public async Task A_service_without_a_key_that_still_wraps_data_keys_refuses_to_start_and_names_its_id()
    {
        await api.SubmitAsync(Requests.Valid("guard@rotation-example.co.kr"));
        var inUse = await api.Database.ScalarAsync<string>("SELECT master_key_id FROM inquiry.data_keys LIMIT 1");
        using var withoutIt = new ServiceFactory<Program>(api.Database, api.Vhost);
        foreach (var (key, value) in api.Service.Settings.Where(s => !s.Key.StartsWith("PersonalData:AcceptedMasterKeys", StringComparison.Ordinal)))
        {
            withoutIt.Settings[key] = value;
        }

        withoutIt.Settings["PersonalData:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        withoutIt.Settings["PersonalData:MasterKeyId"] = "another";

        var error = Assert.ThrowsAny<Exception>(() => withoutIt.CreateClient());

        Assert.Contains("still wrap data keys but are not configured", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(inUse, error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> ReplyAsync(HttpClient agent, Guid id)
    {
        for (var attempt = 0; ; attempt++)
        {
            var view = await agent.GetAsync($"/api/agent/inquiries/{id}");
            var reply = await WorkingTheAgentDesk.SendAsync(agent, id, "replies", view.Headers.ETag?.Tag, new { body = "확인했습니다. 정책을 갱신해 주세요." });
            // Another worker's reply to the same inquiry moved its version: read again, as the desk does.
            if (reply.StatusCode != HttpStatusCode.PreconditionFailed || attempt == 5)
            {
                return reply.StatusCode;
            }
        }
    }

    private static async Task<HttpStatusCode> FollowUpAsync(HttpClient customer, InquiryReceipt receipt) =>
        (await SubmittingInquiries.PostMessageAsync(customer, receipt.InquiryId, receipt.AccessToken, "추가 정보입니다.")).StatusCode;
}
