using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Inquiry.Retention.Purging;
using SupportPlatform.Inquiry.Retention.Shredding;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Retention;

/// <summary>The service with its shred list in a database of its own, as deployed (deploy/README.md).</summary>
public sealed class InquiryApiWithItsOwnShredList : InquiryApi
{
    public PostgresDatabase ShredListDatabase { get; } = new();

    protected override async Task BeforeStartAsync() => await ShredListDatabase.InitializeAsync();

    protected override void ConfigureService(ServiceFactory<Program> service) =>
        service.Settings["ConnectionStrings:" + ShredList.ConnectionName] = ShredListDatabase.ConnectionString;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await ShredListDatabase.DisposeAsync();
    }
}

/// <summary>
/// A backup taken before an erasure still holds the erased inquiry's wrapped data key. Restoring it
/// must not bring the inquiry back: the shred list, which the restore does not touch, makes the
/// service shred it again at start, before it serves a single request.
/// </summary>
public sealed class RestoringABackup(InquiryApiWithItsOwnShredList api) : IClassFixture<InquiryApiWithItsOwnShredList>
{
    [Fact]
    public async Task An_inquiry_erased_after_the_backup_is_gone_again_before_the_restored_service_answers()
    {
        const string email = "park.seoyeon@restore-example.co.kr";
        var erased = await api.SubmitAsync(Requests.Valid(email).With("companyName", "복원시험 주식회사"));
        var kept = await api.SubmitAsync(Requests.Valid("choi.minho@restore-example.co.kr"));
        await api.ProjectedAsync(erased.InquiryId, kept.InquiryId);
        var backup = await PostgresBackups.DumpAsync(api.Database.Name);

        using (var compliance = api.Compliance())
        {
            var erasure = await (await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email })).JsonAsync();
            Assert.Equal(1, erasure.GetProperty("erased").GetInt32());
        }

        await api.AssertPurgedAsync(erased.InquiryId, PurgeReasons.ErasureRequest);
        Assert.Equal(1L, await api.ShredListDatabase.ScalarAsync<long>("SELECT count(*) FROM shred_list.entries WHERE inquiry_id = @id", ("id", erased.InquiryId)));

        long restoredKeys = -1;
        await api.RestartAsync(whileStopped: async () =>
        {
            await PostgresBackups.RestoreAsync(backup, api.Database.Name);
            api.Database.DataSource.Clear();
            // The restore did bring the key back: without the shred list, the inquiry would be readable again.
            restoredKeys = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.data_keys WHERE inquiry_id = @id", ("id", erased.InquiryId));
        });

        Assert.Equal(1, restoredKeys);
        var rows = await api.RowsAsync(erased.InquiryId);
        Assert.All(rows, r => Assert.True(r.Value == 0, $"{r.Value} rows of the erased inquiry back in inquiry.{r.Key} after the restore"));
        using var agent = api.Agent();
        using var customer = api.Customer();
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/agent/inquiries/{erased.InquiryId}")).StatusCode);
        var customerView = new HttpRequestMessage(HttpMethod.Get, $"/api/inquiries/{erased.InquiryId}");
        customerView.Headers.Add("X-Inquiry-Token", erased.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.SendAsync(customerView)).StatusCode);
        Assert.DoesNotContain(erased.InquiryId.ToString(), await agent.GetStringAsync("/api/agent/inquiries"), StringComparison.OrdinalIgnoreCase);

        // What was not erased came back whole, and readable.
        await api.AssertIntactAsync(kept.InquiryId);
        var keptView = await (await agent.GetAsync($"/api/agent/inquiries/{kept.InquiryId}")).JsonAsync();
        Assert.Equal("choi.minho@restore-example.co.kr", keptView.GetProperty("email").GetString());

        // The database has caught up with the list, and re-applying all of it again finds nothing left to shred.
        var replay = api.Service.Services.GetRequiredService<ShredListReplay>();
        var status = await replay.StatusAsync(CancellationToken.None);
        Assert.Equal(0, status.Behind);
        Assert.False(status.SharesTheServiceDatabase);
        var again = await replay.ReapplyAsync(fromStart: true, CancellationToken.None);
        Assert.Equal(0, again.Shredded);
        Assert.True(again.Entries >= 1);
    }

    [Fact]
    public async Task The_shred_list_refuses_to_forget()
    {
        var inquiry = await api.SubmitAsync(Requests.Valid("forget.me@restore-example.co.kr"));
        var list = api.Service.Services.GetRequiredService<ShredList>();
        await list.AppendAsync([inquiry.InquiryId], DateTimeOffset.UtcNow, CancellationToken.None);

        var delete = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            api.ShredListDatabase.ScalarAsync<object>("DELETE FROM shred_list.entries WHERE inquiry_id = @id", ("id", inquiry.InquiryId)));
        var update = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            api.ShredListDatabase.ScalarAsync<object>("UPDATE shred_list.entries SET inquiry_id = gen_random_uuid() WHERE inquiry_id = @id", ("id", inquiry.InquiryId)));
        var truncate = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => api.ShredListDatabase.ScalarAsync<object>("TRUNCATE shred_list.entries"));

        Assert.All([delete, update, truncate], e => Assert.Contains("append-only", e.MessageText, StringComparison.Ordinal));
        Assert.Equal(1L, await api.ShredListDatabase.ScalarAsync<long>("SELECT count(*) FROM shred_list.entries WHERE inquiry_id = @id", ("id", inquiry.InquiryId)));
    }
}
