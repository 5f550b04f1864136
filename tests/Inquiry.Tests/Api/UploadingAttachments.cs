using System.Net;
using System.Net.Http.Json;
using SupportPlatform.Inquiry.Attachments;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.SubmittingInquiries;

namespace SupportPlatform.Inquiry.Tests.Api;

public sealed class UploadingAttachments(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task An_uploaded_file_is_bound_at_submission_and_downloads_unchanged_for_customer_and_agent()
    {
        using var client = api.Customer();
        var upload = await client.PostAsync("/api/attachments", Uploads.File("../스크린샷 <1>.exe", Uploads.Png, "application/x-msdownload"));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var uploaded = await upload.JsonAsync();
        var attachmentId = uploaded.GetProperty("attachmentId").GetGuid();
        Assert.Equal("image/png", uploaded.GetProperty("contentType").GetString());
        Assert.Equal("스크린샷 1.exe.png", uploaded.GetProperty("fileName").GetString());

        var receipt = await api.SubmitAsync(Requests.Valid().WithUploads(uploaded));

        var view = await ReadAsCustomerAsync(client, receipt.InquiryId, receipt.AccessToken);
        var listed = Assert.Single(view.GetProperty("attachments").EnumerateArray());
        Assert.Equal("스크린샷 1.exe.png", listed.GetProperty("fileName").GetString());
        var download = new HttpRequestMessage(HttpMethod.Get, $"/api/inquiries/{receipt.InquiryId}/attachments/{attachmentId}");
        download.Headers.Add("X-Inquiry-Token", receipt.AccessToken);
        var asCustomer = await client.SendAsync(download);
        using var agent = api.Agent();
        var asAgent = await agent.GetAsync($"/api/agent/inquiries/{receipt.InquiryId}/attachments/{attachmentId}");
        var withoutToken = await client.GetAsync($"/api/inquiries/{receipt.InquiryId}/attachments/{attachmentId}");

        Assert.Equal(Uploads.Png, await asCustomer.Content.ReadAsByteArrayAsync());
        Assert.Equal(Uploads.Png, await asAgent.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", asAgent.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", asAgent.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, withoutToken.StatusCode);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM inquiry.attachments WHERE position(@plain in content) > 0", ("plain", Uploads.Png)));
    }

    [Fact]
    public async Task A_bound_attachment_cannot_be_bound_again_and_an_unknown_one_stores_nothing()
    {
        using var client = api.Customer();
        var upload = await (await client.PostAsync("/api/attachments", Uploads.Text("a.log", "line"))).JsonAsync();
        await api.SubmitAsync(Requests.Valid().WithUploads(upload));
        var streams = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_streams");

        var again = await client.PostAsJsonAsync("/api/inquiries", Requests.Valid().WithUploads(upload));
        var unknown = await client.PostAsJsonAsync("/api/inquiries", Requests.Valid().With("attachmentIds", new[] { Guid.NewGuid() }).With("uploadTokens", new[] { upload.GetProperty("uploadToken").GetString() }));

        Assert.Equal(["attachmentIds"], await again.ErrorKeysAsync());
        Assert.Equal(["uploadTokens"], await unknown.ErrorKeysAsync());
        Assert.Equal(streams, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_streams"));
        Assert.Equal(streams, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.data_keys"));
    }

    /// <summary>Issue 20, finding 7: an upload could be bound by anyone who knew its id.</summary>
    [Fact]
    public async Task Only_the_uploader_binds_an_upload_the_id_alone_or_another_uploads_token_is_refused()
    {
        using var uploader = api.Customer();
        using var other = api.Customer();
        var mine = await (await uploader.PostAsync("/api/attachments", Uploads.Text("mine.log", "mine"))).JsonAsync();
        var theirs = await (await other.PostAsync("/api/attachments", Uploads.Text("theirs.log", "theirs"))).JsonAsync();
        var myId = mine.GetProperty("attachmentId").GetGuid();
        var streams = await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_streams");

        var idAlone = await other.PostAsJsonAsync("/api/inquiries", Requests.Valid().With("attachmentIds", new[] { myId }));
        var othersToken = await other.PostAsJsonAsync("/api/inquiries", Requests.Valid()
            .With("attachmentIds", new[] { myId }).With("uploadTokens", new[] { theirs.GetProperty("uploadToken").GetString() }));
        var forged = await other.PostAsJsonAsync("/api/inquiries", Requests.Valid()
            .With("attachmentIds", new[] { myId }).With("uploadTokens", new[] { "U1.99999999999.AB" }));

        foreach (var refused in new[] { idAlone, othersToken, forged })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(["uploadTokens"], await refused.ErrorKeysAsync());
        }

        Assert.Equal(streams, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_streams"));
        var receipt = await api.SubmitAsync(Requests.Valid().WithUploads(mine));
        var view = await ReadAsCustomerAsync(uploader, receipt.InquiryId, receipt.AccessToken);
        Assert.Equal(myId, Assert.Single(view.GetProperty("attachments").EnumerateArray()).GetProperty("attachmentId").GetGuid());
    }

    [Fact]
    public async Task Programs_and_oversized_files_are_refused()
    {
        using var client = api.Customer();

        var program = await client.PostAsync("/api/attachments", Uploads.File("manual.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03], "application/pdf"));
        var huge = await client.PostAsync("/api/attachments", Uploads.File("big.log", Enumerable.Repeat((byte)'a', (int)Upload.MaxFileBytes + 1).ToArray()));
        var none = await client.PostAsync("/api/attachments", new MultipartFormDataContent { { new StringContent("x"), "note" } });

        Assert.Equal(["file"], await program.ErrorKeysAsync());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["file"], await none.ErrorKeysAsync());
    }

    [Fact]
    public async Task A_file_of_exactly_the_limit_is_accepted()
    {
        using var client = api.Customer();

        var response = await client.PostAsync("/api/attachments", Uploads.File("limit.log", Enumerable.Repeat((byte)'b', (int)Upload.MaxFileBytes).ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Upload.MaxFileBytes, (await response.JsonAsync()).GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task Uploads_nobody_bound_expire()
    {
        using var client = api.Customer();
        var upload = await (await client.PostAsync("/api/attachments", Uploads.Text("old.txt", "old"))).JsonAsync();
        var attachmentId = upload.GetProperty("attachmentId").GetGuid();
        api.Service.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        var expiredBinding = await client.PostAsJsonAsync("/api/inquiries", Requests.Valid().WithUploads(upload));
        var deleted = await api.Service.Services.GetRequiredService<AttachmentStore>().DeleteExpiredAsync(CancellationToken.None);

        // The upload token (2 hours) expired long before the upload itself (1 day).
        Assert.Equal(["uploadTokens"], await expiredBinding.ErrorKeysAsync());
        Assert.True(deleted >= 1);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.attachments WHERE id = @id", ("id", attachmentId)));
    }
}
