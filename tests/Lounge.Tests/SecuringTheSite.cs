using System.Net;
using SupportPlatform.Lounge.Security;
using Xunit;

namespace SupportPlatform.Lounge.Tests;

/// <summary>Headers, CSRF protection and CORS, over plain HTTP.</summary>
[Collection(LoungeCollection.Name)]
public sealed class SecuringTheSite(LoungeSite site)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/inquiries/new")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var lounge = site.Lounge();

        var response = await lounge.GetAsync(path);

        Assert.Equal(LoungePagePolicy.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.False(response.Headers.Contains("Server"));
        Assert.DoesNotContain("'unsafe-inline'", LoungePagePolicy.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/css/lounge.css")]
    [InlineData("/js/lounge.js")]
    public async Task Static_files_are_cached_and_carry_the_page_policy(string path)
    {
        using var lounge = site.Lounge();

        var response = await lounge.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=3600", response.Headers.CacheControl?.ToString());
        Assert.Equal(LoungePagePolicy.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task The_probes_answer_without_a_database()
    {
        using var lounge = site.Lounge();

        var health = await lounge.GetAsync("/health");
        var alive = await lounge.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.DoesNotContain("postgres", await health.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_sends_nothing()
    {
        var email = $"csrf-{Guid.NewGuid():N}@customer.test";
        using var lounge = site.Lounge();

        var response = await lounge.PostAsync("/inquiries/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Summary"] = "위조된 요청",
            ["CompanyName"] = "공격자",
            ["Details"] = "다른 사이트에서 보낸 폼",
            ["Consent"] = "true",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var marker = $"csrf-marker-{Guid.NewGuid():N}@customer.test";
        await site.SubmitThroughApiAsync(marker, "표식");
        await SupportPlatform.Testing.Eventually.TrueAsync(async () => await site.QueuedInquiriesOfAsync(marker) == 1, "the marker inquiry");
        Assert.Equal(0, await site.QueuedInquiriesOfAsync(email));
    }

    [Theory]
    [InlineData("inquiry", "/api/inquiries")]
    [InlineData("knowledge", "/api/funnel")]
    public async Task The_public_apis_answer_a_configured_front_end_and_no_other_origin(string service, string path)
    {
        using var client = new HttpClient { BaseAddress = service == "inquiry" ? site.InquiryUrl : site.KnowledgeUrl };

        var allowed = await client.SendAsync(Preflight(path, LoungeSite.PartnerOrigin));
        var refused = await client.SendAsync(Preflight(path, "https://elsewhere.example"));

        Assert.Equal(LoungeSite.PartnerOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(allowed.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Staff_apis_never_answer_cross_origin()
    {
        using var client = new HttpClient { BaseAddress = site.InquiryUrl };

        var response = await client.SendAsync(Preflight("/api/agent/inquiries", LoungeSite.PartnerOrigin));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }
}
