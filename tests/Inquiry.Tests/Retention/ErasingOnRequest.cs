using System.Net;
using System.Net.Http.Json;
using SupportPlatform.Inquiry.Retention.Purging;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;
using Xunit;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Retention;

public sealed class ErasingOnRequest(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task Erasure_purges_every_inquiry_of_the_address_now_except_held_ones_and_nothing_else()
    {
        const string email = "lee.jiwoo@erasure-example.co.kr";
        using var compliance = api.Compliance();
        var first = await api.SubmitAsync(Requests.Valid(email));
        var second = await api.SubmitAsync(Requests.Valid(email.ToUpperInvariant()));
        var held = await api.SubmitAsync(Requests.Valid(email));
        var someoneElse = await api.SubmitAsync(Requests.Valid("lee.jiwoo@other-example.co.kr"));
        await api.ProjectedAsync(held.InquiryId);
        Assert.Equal(HttpStatusCode.OK, (await ComplianceDesk.HoldAsync(compliance, held.InquiryId)).StatusCode);

        // No wait for the projection: the request itself waits for the read model to catch up.
        var response = await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email = $"  {email.Replace("lee", "Lee", StringComparison.Ordinal)} " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.JsonAsync();
        Assert.Equal(3, result.GetProperty("found").GetInt32());
        Assert.Equal(2, result.GetProperty("erased").GetInt32());
        var notErased = Assert.Single(result.GetProperty("notErased").EnumerateArray());
        Assert.Equal(held.InquiryId, notErased.GetProperty("inquiryId").GetGuid());
        Assert.Equal(PurgeEligibility.OnLegalHold, notErased.GetProperty("reason").GetString());
        Assert.DoesNotContain(email, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        await api.AssertPurgedAsync(first.InquiryId, PurgeReasons.ErasureRequest);
        await api.AssertPurgedAsync(second.InquiryId, PurgeReasons.ErasureRequest);
        await api.ProjectedAsync(held.InquiryId, someoneElse.InquiryId);
        await api.AssertIntactAsync(held.InquiryId);
        await api.AssertIntactAsync(someoneElse.InquiryId);
        Assert.False(ComplianceDesk.Reveals(await api.AuditTextAsync(), email));

        var purged = await Eventually.ReturnsAsync(
            () => Task.FromResult(api.PublishedOf<Contracts.InquiryPurged>().Where(m => m.InquiryId == first.InquiryId || m.InquiryId == second.InquiryId).ToArray()),
            m => m.Select(x => x.InquiryId).Distinct().Count() == 2, "InquiryPurged for both erased inquiries");
        Assert.All(purged, m => Assert.Equal(PurgeReasons.ErasureRequest, m.Reason));
        Assert.DoesNotContain(api.PublishedOf<Contracts.InquiryPurged>(), m => m.InquiryId == held.InquiryId || m.InquiryId == someoneElse.InquiryId);

        // Once released, a second request erases the last one.
        Assert.Equal(HttpStatusCode.OK, (await ComplianceDesk.ReleaseAsync(compliance, held.InquiryId)).StatusCode);
        var again = await (await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email })).JsonAsync();
        Assert.Equal(1, again.GetProperty("found").GetInt32());
        Assert.Equal(1, again.GetProperty("erased").GetInt32());
        await api.AssertPurgedAsync(held.InquiryId, PurgeReasons.ErasureRequest);
        await api.AssertIntactAsync(someoneElse.InquiryId);
    }

    [Fact]
    public async Task An_address_without_inquiries_erases_nothing()
    {
        using var compliance = api.Compliance();
        var response = await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email = "nobody@erasure-example.co.kr" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.JsonAsync();
        Assert.Equal(0, result.GetProperty("found").GetInt32());
        Assert.Equal(0, result.GetProperty("erased").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not an address")]
    public async Task An_erasure_request_needs_a_valid_email(string? email)
    {
        using var compliance = api.Compliance();
        var response = await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["email"], await response.ErrorKeysAsync());
    }
}
