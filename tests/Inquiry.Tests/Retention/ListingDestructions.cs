using System.Net;
using System.Net.Http.Json;
using SupportPlatform.Inquiry.Retention.Purging;
using SupportPlatform.Inquiry.Tests.Api;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Retention;

/// <summary>The inquiries' part of the destruction ledger: every purge run, one line each, with its counts.</summary>
public sealed class ListingDestructions(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task The_ledger_lists_an_erasure_and_a_retention_run_with_what_each_destroyed()
    {
        const string email = "ledger.subject@ledger-example.co.kr";
        using var customer = api.Customer();
        using var compliance = api.Compliance();
        var upload = await (await customer.PostAsync("/api/attachments", Uploads.Text("설정.txt", "spam"))).JsonAsync();
        await api.SubmitAsync(Requests.Valid(email).WithUploads(upload));
        await api.SubmitAsync(Requests.Valid(email));
        var expiring = await api.SubmitAsync(Requests.Valid("ledger.other@ledger-example.co.kr"));
        var erasure = await (await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email })).JsonAsync();
        api.Service.Time.Advance(ComplianceDesk.PastRetention);
        await api.ProjectedAsync(expiring.InquiryId);
        var retention = await ComplianceDesk.RunAsync(compliance, dryRun: false);

        var response = await compliance.GetAsync("/api/compliance/destruction-ledger");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("ledger-example", body, StringComparison.Ordinal);
        var runs = (await response.JsonAsync()).GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("runId").GetGuid());
        var erased = runs[erasure.GetProperty("runId").GetGuid()];
        Assert.Equal(
            (PurgeReasons.ErasureRequest, 2, 1, "2024-01"),
            (erased.GetProperty("reason").GetString(), erased.GetProperty("inquiries").GetInt32(), erased.GetProperty("attachmentsDeleted").GetInt32(), erased.GetProperty("policyVersions")[0].GetString()));
        Assert.True(erased.GetProperty("eventsDeleted").GetInt64() >= 2);
        var expired = runs[retention.GetProperty("runId").GetGuid()];
        Assert.Equal(
            (PurgeReasons.RetentionExpired, retention.GetProperty("purged").GetInt32()),
            (expired.GetProperty("reason").GetString(), expired.GetProperty("inquiries").GetInt32()));
    }

    [Fact]
    public async Task One_run_is_read_by_its_id_an_unknown_one_is_404_and_agents_may_not_read_the_ledger()
    {
        using var compliance = api.Compliance();
        using var agent = api.Agent();
        await api.SubmitAsync(Requests.Valid("ledger.single@ledger-example.co.kr"));
        var erasure = await (await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email = "ledger.single@ledger-example.co.kr" })).JsonAsync();
        var runId = erasure.GetProperty("runId").GetGuid();

        var run = await compliance.GetAsync($"/api/compliance/destruction-ledger/{runId}");
        var unknown = await compliance.GetAsync($"/api/compliance/destruction-ledger/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal(1, (await run.JsonAsync()).GetProperty("inquiries").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/compliance/destruction-ledger")).StatusCode);
    }
}
