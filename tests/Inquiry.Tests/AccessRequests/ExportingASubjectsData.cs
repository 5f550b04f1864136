using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Inquiry.AccessRequests.Exporting;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Inquiry.Tests.Retention;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;

namespace SupportPlatform.Inquiry.Tests.AccessRequests;

/// <summary>The answer to an access request (열람 요구): one data subject's inquiries, decrypted, in a ZIP handed out once.</summary>
public sealed class ExportingASubjectsData(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task The_export_holds_exactly_the_subjects_inquiries_decrypted_and_nothing_of_anyone_else()
    {
        const string email = "export.subject@export-example.co.kr";
        using var customer = api.Customer();
        using var agent = api.Agent();
        using var compliance = api.Compliance();
        var upload = await (await customer.PostAsync("/api/attachments", Uploads.Text("차단로그.txt", "blocked sender 10.1.2.3"))).JsonAsync();
        var first = await api.SubmitAsync(Requests.Valid(email).With("summary", "첫 번째 문의 요약").WithUploads(upload));
        var second = await api.SubmitAsync(Requests.Valid(email.ToUpperInvariant()).With("companyName", "내보내기테스트 주식회사").With("summary", "두 번째 문의 요약"));
        var other = await api.SubmitAsync(Requests.Valid("someone.else@export-example.co.kr").With("summary", "다른 사람의 문의"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, first.InquiryId, "replies", "\"2\"", new { body = "답변 본문입니다." })).StatusCode);

        var prepared = await (await compliance.PostAsJsonAsync("/api/compliance/exports", new { email = $" {email} " })).JsonAsync();
        var zip = await DownloadAsync(compliance, prepared);

        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal(2, prepared.GetProperty("inquiries").GetInt32());
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        var entries = archive.Entries.ToDictionary(e => e.FullName, e => e);
        Assert.Equal(
            new[] { "index.html", $"inquiry-{first.InquiryId}/attachments/1-차단로그.txt", $"inquiry-{first.InquiryId}/inquiry.html", $"inquiry-{first.InquiryId}/inquiry.json", $"inquiry-{second.InquiryId}/inquiry.html", $"inquiry-{second.InquiryId}/inquiry.json" }.Order(),
            entries.Keys.Order());
        var everything = string.Concat(archive.Entries.Select(Read));
        Assert.DoesNotContain(other.InquiryId.ToString(), everything, StringComparison.Ordinal);
        Assert.DoesNotContain("someone.else", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("다른 사람의 문의", everything, StringComparison.Ordinal);

        var firstJson = JsonDocument.Parse(Read(entries[$"inquiry-{first.InquiryId}/inquiry.json"])).RootElement;
        Assert.Equal((email, Requests.Company, Requests.Phone), (firstJson.GetProperty("email").GetString(), firstJson.GetProperty("companyName").GetString(), firstJson.GetProperty("phone").GetString()));
        Assert.Equal("2024-01", firstJson.GetProperty("consent").GetProperty("policyVersion").GetString());
        Assert.Equal(["submitted", "answered"], firstJson.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()));
        Assert.Equal("답변 본문입니다.", firstJson.GetProperty("conversation")[1].GetProperty("body").GetString());
        Assert.Equal("blocked sender 10.1.2.3", Read(entries[$"inquiry-{first.InquiryId}/attachments/1-차단로그.txt"]));
        var secondHtml = Read(entries[$"inquiry-{second.InquiryId}/inquiry.html"]);
        Assert.Contains("내보내기테스트 주식회사", secondHtml, StringComparison.Ordinal);
        Assert.Contains("두 번째 문의 요약", secondHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_is_handed_out_once_only_with_its_key_and_is_sealed_while_it_waits()
    {
        const string email = "export.once@export-example.co.kr";
        using var compliance = api.Compliance();
        await api.SubmitAsync(Requests.Valid(email).With("companyName", "한번만내려받기 주식회사"));
        var prepared = await (await compliance.PostAsJsonAsync("/api/compliance/exports", new { email })).JsonAsync();
        var exportId = prepared.GetProperty("exportId").GetGuid();

        var stored = await api.Database.ScalarAsync<string>("SELECT t::text FROM inquiry.subject_exports t WHERE id = @id", ("id", exportId));
        var wrongKey = await compliance.PostAsJsonAsync($"/api/compliance/exports/{exportId}/download", new { key = Convert.ToBase64String(new byte[32]) });
        var first = await DownloadAsync(compliance, prepared);
        var second = await DownloadAsync(compliance, prepared);

        Assert.False(ComplianceDesk.Reveals(stored, email));
        Assert.False(ComplianceDesk.Reveals(stored, "한번만내려받기"));
        Assert.Equal(HttpStatusCode.NotFound, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.subject_exports WHERE id = @id", ("id", exportId)));
    }

    [Fact]
    public async Task An_export_nobody_takes_expires_is_swept_into_the_ledger_and_a_purge_takes_its_exports_along()
    {
        using var compliance = api.Compliance();
        await api.SubmitAsync(Requests.Valid("export.expiring@export-example.co.kr"));
        var erased = await api.SubmitAsync(Requests.Valid("export.erased@export-example.co.kr"));
        var expiring = await (await compliance.PostAsJsonAsync("/api/compliance/exports", new { email = "export.expiring@export-example.co.kr" })).JsonAsync();
        var ofErased = await (await compliance.PostAsJsonAsync("/api/compliance/exports", new { email = "export.erased@export-example.co.kr" })).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, (await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email = "export.erased@export-example.co.kr" })).StatusCode);
        Assert.Equal(0, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.subject_exports WHERE @id = ANY(inquiry_ids)", ("id", erased.InquiryId)));
        Assert.Equal(HttpStatusCode.NotFound, (await DownloadAsync(compliance, ofErased)).StatusCode);

        api.Service.Time.Advance(SubjectExports.Lifetime + TimeSpan.FromMinutes(1));
        var tooLate = await DownloadAsync(compliance, expiring);
        // The sweeper's timer runs on the same fake clock and may have swept first: either way it is gone and on the ledger.
        await api.Service.Services.GetRequiredService<SubjectExports>().SweepExpiredAsync(CancellationToken.None);
        var ledger = await (await compliance.GetAsync("/api/compliance/destruction-ledger")).JsonAsync();

        Assert.Equal(HttpStatusCode.NotFound, tooLate.StatusCode);
        Assert.Equal(0, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.subject_exports WHERE id = @id", ("id", expiring.GetProperty("exportId").GetGuid())));
        Assert.True(ledger.GetProperty("expiredExports").EnumerateArray().Sum(e => e.GetProperty("exports").GetInt32()) >= 1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not an address")]
    public async Task An_export_needs_a_valid_email_and_only_compliance_may_ask(string? email)
    {
        using var compliance = api.Compliance();
        using var agent = api.Agent();

        Assert.Equal(HttpStatusCode.BadRequest, (await compliance.PostAsJsonAsync("/api/compliance/exports", new { email })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/compliance/exports", new { email = "a@b.test" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await compliance.PostAsJsonAsync($"/api/compliance/exports/{Guid.NewGuid()}/download", new { key = (string?)null })).StatusCode);
    }

    private static Task<HttpResponseMessage> DownloadAsync(HttpClient compliance, JsonElement prepared) =>
        compliance.PostAsJsonAsync(
            $"/api/compliance/exports/{prepared.GetProperty("exportId").GetGuid()}/download",
            new { key = prepared.GetProperty("key").GetString() });

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
