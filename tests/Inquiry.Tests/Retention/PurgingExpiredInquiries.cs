using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Inquiry.Retention.Purging;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.SubmittingInquiries;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Retention;

public sealed class PurgingExpiredInquiries(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task An_inquiry_idle_for_three_years_is_purged_everywhere_and_leaves_only_an_anonymous_audit_row()
    {
        const string email = "choi.expired@hanil-mail.co.kr";
        const string company = "한일메일보안 주식회사";
        const string phone = "031-777-1234";
        using var customer = api.Customer();
        using var agent = api.Agent();
        using var compliance = api.Compliance();
        var upload = await (await customer.PostAsync("/api/attachments", Uploads.Text("로그.txt", "blocked"))).JsonAsync();
        var old = await api.SubmitAsync(Requests.Valid(email).With("companyName", company).With("phone", phone)
            .WithUploads(upload));
        var active = await api.SubmitAsync(Requests.Valid("active.customer@hanil-mail.co.kr"));

        // Two years on, an agent answers the second one: its clock starts again, the first one's does not.
        api.Service.Time.Advance(TimeSpan.FromDays(2 * 365));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, active.InquiryId, "replies", "\"2\"", new { body = "확인했습니다." })).StatusCode);
        api.Service.Time.Advance(ComplianceDesk.PastRetention - TimeSpan.FromDays(2 * 365));
        await api.ProjectedAsync(old.InquiryId, active.InquiryId);

        var summary = await ComplianceDesk.RunAsync(compliance, dryRun: false);

        Assert.False(summary.GetProperty("dryRun").GetBoolean());
        Assert.True(summary.GetProperty("purged").GetInt32() >= 1);
        await api.AssertPurgedAsync(old.InquiryId, PurgeReasons.RetentionExpired);
        await api.AssertIntactAsync(active.InquiryId);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsCustomerAsync(customer, old.InquiryId, old.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/agent/inquiries/{old.InquiryId}")).StatusCode);

        var audit = await api.Database.ScalarAsync<string>(
            "SELECT concat_ws('|', policy_version, events_deleted, attachments_deleted, submitted_at = last_business_activity_at, deadline > submitted_at) FROM inquiry.purge_audit WHERE inquiry_id = @id",
            ("id", old.InquiryId));
        Assert.Equal("2024-01|2|1|t|t", audit);
        var auditText = await api.AuditTextAsync();
        foreach (var secret in new[] { email, "choi.expired", company, "한일메일보안", phone, old.AccessToken, "로그.txt" })
        {
            Assert.False(ComplianceDesk.Reveals(auditText, secret), $"the purge audit reveals '{secret}'");
        }

        var purged = await Eventually.ReturnsAsync(
            () => Task.FromResult(api.PublishedOf<Contracts.InquiryPurged>().Where(m => m.InquiryId == old.InquiryId).ToArray()),
            m => m.Length > 0, "InquiryPurged on the broker");
        Assert.Equal(PurgeReasons.RetentionExpired, purged[0].Reason);
        Assert.Equal(api.Service.Time.GetUtcNow(), purged[0].PurgedAt);
        Assert.DoesNotContain(api.PublishedOf<Contracts.InquiryPurged>(), m => m.InquiryId == active.InquiryId);
    }

    [Fact]
    public async Task A_held_inquiry_survives_runs_keeps_its_deadline_and_is_purged_after_release()
    {
        using var compliance = api.Compliance();
        var receipt = await api.SubmitAsync(Requests.Valid("held.customer@hanil-mail.co.kr"));
        var id = receipt.InquiryId;
        await api.ProjectedAsync(id);
        var deadline = await api.Database.ScalarAsync<DateTime>("SELECT deadline FROM inquiry.mt_doc_retention WHERE id = @id", ("id", id));

        var held = await ComplianceDesk.HoldAsync(compliance, id);
        var heldAgain = await ComplianceDesk.HoldAsync(compliance, id);

        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.True((await held.JsonAsync()).GetProperty("onHold").GetBoolean());
        Assert.Equal("\"3\"", held.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.Conflict, heldAgain.StatusCode);
        await api.ProjectedAsync(id);
        Assert.True(await api.Database.ScalarAsync<bool>("SELECT on_hold FROM inquiry.mt_doc_retention WHERE id = @id", ("id", id)));
        Assert.Equal(deadline, await api.Database.ScalarAsync<DateTime>("SELECT deadline FROM inquiry.mt_doc_retention WHERE id = @id", ("id", id)));

        api.Service.Time.Advance(ComplianceDesk.PastRetention);
        var run = await ComplianceDesk.RunAsync(compliance, dryRun: false);
        await api.AssertIntactAsync(id);
        Assert.True(run.GetProperty("dueButOnHold").GetInt32() >= 1);

        var released = await ComplianceDesk.ReleaseAsync(compliance, id);
        var releasedAgain = await ComplianceDesk.ReleaseAsync(compliance, id);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.False((await released.JsonAsync()).GetProperty("onHold").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, releasedAgain.StatusCode);
        await api.ProjectedAsync(id);
        Assert.Equal(deadline, await api.Database.ScalarAsync<DateTime>("SELECT deadline FROM inquiry.mt_doc_retention WHERE id = @id", ("id", id)));

        await ComplianceDesk.RunAsync(compliance, dryRun: false);
        await api.AssertPurgedAsync(id, PurgeReasons.RetentionExpired);
    }

    [Fact]
    public async Task Holds_answer_404_for_unknown_inquiries_and_need_a_reason()
    {
        using var compliance = api.Compliance();
        var receipt = await api.SubmitAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await ComplianceDesk.HoldAsync(compliance, Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ComplianceDesk.ReleaseAsync(compliance, Guid.NewGuid())).StatusCode);
        var blank = await ComplianceDesk.HoldAsync(compliance, receipt.InquiryId, "   ");
        var overlong = await ComplianceDesk.HoldAsync(compliance, receipt.InquiryId, new string('가', 501));
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal(["reason"], await blank.ErrorKeysAsync());
        Assert.Equal(["reason"], await overlong.ErrorKeysAsync());
        Assert.Equal(2, await api.Database.ScalarAsync<long>("SELECT version FROM inquiry.mt_streams WHERE id = @id", ("id", receipt.InquiryId)));
    }

    [Fact]
    public async Task A_dry_run_counts_what_is_due_and_changes_nothing()
    {
        using var compliance = api.Compliance();
        var receipt = await api.SubmitAsync(Requests.Valid("dry.run@hanil-mail.co.kr"));
        await api.ProjectedAsync(receipt.InquiryId);
        api.Service.Time.Advance(ComplianceDesk.PastRetention);
        var before = await api.RowsAsync(receipt.InquiryId);
        var eventsBefore = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_events");

        var dry = await ComplianceDesk.RunAsync(compliance, dryRun: true);

        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.True(dry.GetProperty("due").GetInt32() >= 1);
        Assert.Equal(0, dry.GetProperty("purged").GetInt32());
        Assert.Equal(before, await api.RowsAsync(receipt.InquiryId));
        Assert.Equal(eventsBefore, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_events"));
        await api.AssertIntactAsync(receipt.InquiryId);
    }

    [Fact]
    public async Task A_run_needs_an_explicit_dry_run_flag()
    {
        using var compliance = api.Compliance();

        var empty = await compliance.PostAsJsonAsync("/api/compliance/retention-runs", new { });
        var noBody = await compliance.PostAsync("/api/compliance/retention-runs", null);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(["dryRun"], await empty.ErrorKeysAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
    }

    [Fact]
    public async Task Concurrent_runs_and_purges_purge_each_inquiry_exactly_once()
    {
        using var compliance = api.Compliance();
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add((await api.SubmitAsync(Requests.Valid($"race{i}@hanil-mail.co.kr"))).InquiryId);
        }

        await api.ProjectedAsync([.. ids]);
        api.Service.Time.Advance(ComplianceDesk.PastRetention);

        // Two purgers on the same inquiries at once, past the run lock: the stream row locks decide.
        var purger = api.Service.Services.GetRequiredService<InquiryPurger>();
        var racing = await Task.WhenAll(
            purger.PurgeAsync(ids, PurgeReasons.RetentionExpired, Guid.CreateVersion7(), CancellationToken.None),
            purger.PurgeAsync([.. Enumerable.Reverse(ids)], PurgeReasons.RetentionExpired, Guid.CreateVersion7(), CancellationToken.None));
        Assert.Equal(ids.Count, racing.Sum(o => o.Purged.Count));
        Assert.Equal(ids.Order(), racing.SelectMany(o => o.Purged).Select(r => r.InquiryId).Order());
        Assert.All(racing.SelectMany(o => o.NotPurged), n => Assert.Equal(PurgeEligibility.NotFound, n.Reason));

        // Two runs over HTTP at once: one holds the run lock, the other runs after it or is told to wait (409).
        var more = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            more.Add((await api.SubmitAsync(Requests.Valid($"race-run{i}@hanil-mail.co.kr"))).InquiryId);
        }

        await api.ProjectedAsync([.. more]);
        api.Service.Time.Advance(ComplianceDesk.PastRetention);
        var runs = await Task.WhenAll(
            compliance.PostAsJsonAsync("/api/compliance/retention-runs", new { dryRun = false }),
            compliance.PostAsJsonAsync("/api/compliance/retention-runs", new { dryRun = false }));
        Assert.Contains(runs, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(runs, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));

        var all = ids.Concat(more).ToArray();
        Assert.Equal(all.Length, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.purge_audit WHERE inquiry_id = ANY(@ids)", ("ids", all)));
        Assert.Equal(all.Length, await api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM inquiry.mt_events WHERE type = 'inquiry_purge_recorded' AND (data->>'inquiryId')::uuid = ANY(@ids)", ("ids", all)));
        foreach (var id in all)
        {
            await api.AssertPurgedAsync(id, PurgeReasons.RetentionExpired);
        }

        await Eventually.TrueAsync(
            () => Task.FromResult(all.All(id => api.PublishedOf<Contracts.InquiryPurged>().Any(m => m.InquiryId == id))),
            "InquiryPurged on the broker for every purged inquiry");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_compliance_endpoints()
    {
        using var client = api.Customer();

        var paths = (await (await client.GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");

        var report = paths.GetProperty("/api/compliance/retention-report").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(report.TryGetProperty("application/json", out _));
        Assert.True(report.TryGetProperty("text/csv", out _));
        Assert.True(paths.GetProperty("/api/compliance/retention-runs").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/compliance/inquiries/{id}/legal-hold").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/compliance/inquiries/{id}/legal-hold").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/api/compliance/erasure-requests").TryGetProperty("post", out _));
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_agents_403_on_every_compliance_endpoint()
    {
        var receipt = await api.SubmitAsync();
        using var anonymous = api.Customer();
        using var agent = api.Agent();
        foreach (var client in new[] { anonymous, agent })
        {
            var expected = client == anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            Assert.Equal(expected, (await client.GetAsync("/api/compliance/retention-report")).StatusCode);
            Assert.Equal(expected, (await client.PostAsJsonAsync("/api/compliance/retention-runs", new { dryRun = false })).StatusCode);
            Assert.Equal(expected, (await ComplianceDesk.HoldAsync(client, receipt.InquiryId)).StatusCode);
            Assert.Equal(expected, (await ComplianceDesk.ReleaseAsync(client, receipt.InquiryId)).StatusCode);
            Assert.Equal(expected, (await client.PostAsJsonAsync("/api/compliance/erasure-requests", new { email = Requests.Email })).StatusCode);
        }

        await api.ProjectedAsync(receipt.InquiryId);
        await api.AssertIntactAsync(receipt.InquiryId);
    }
}
