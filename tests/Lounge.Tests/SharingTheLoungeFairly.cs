extern alias lounge;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using LoungeProgram = lounge::Program;

namespace SupportPlatform.Lounge.Tests;

/// <summary>
/// Issue 20, finding 4: every visitor reached Inquiry from the Lounge's one address, so one client
/// used up the shared bucket and every page answered 500. Now each visitor has their own limit at
/// the Lounge, the Lounge tells Inquiry whose request it is, and a 429 is a friendly 429 page.
/// A Lounge on a real port (client addresses need a socket) in front of a stand-in for Inquiry that
/// records the forwarded address and can answer 429.
/// </summary>
public sealed class SharingTheLoungeFairly(SharingTheLoungeFairly.Site site) : IClassFixture<SharingTheLoungeFairly.Site>
{
    private const string Abuser = "203.0.113.7";
    private const string Neighbour = "198.51.100.9";

    [Fact]
    public async Task One_abusive_visitor_is_limited_while_another_visitor_is_still_served()
    {
        using var lounge = site.Lounge();
        var abusive = new List<HttpResponseMessage>();
        for (var request = 0; request < Site.PermitsPerMinute + 5; request++)
        {
            abusive.Add(await lounge.SendAsync(Visit(Site.Open, Abuser)));
        }

        var neighbour = new List<HttpResponseMessage>();
        for (var request = 0; request < 5; request++)
        {
            neighbour.Add(await lounge.SendAsync(Visit(Site.Open, Neighbour)));
        }

        Assert.All(abusive.Take(Site.PermitsPerMinute), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var limited in abusive.Skip(Site.PermitsPerMinute))
        {
            await AssertFriendly429Async(limited);
        }

        Assert.All(neighbour, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // Inquiry is told whose request each was, so its own per-address limit sees two visitors too.
        Assert.Contains(Abuser, site.ForwardedFor);
        Assert.Contains(Neighbour, site.ForwardedFor);
    }

    [Fact]
    public async Task Inquiry_answering_429_is_the_friendly_429_page_with_its_retry_after()
    {
        using var lounge = site.Lounge();

        var busy = await lounge.SendAsync(Visit(Site.Busy, "192.0.2.44"));

        await AssertFriendly429Async(busy);
        Assert.Equal(TimeSpan.FromSeconds(17), busy.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_visitor_cannot_pass_its_own_forwarded_address_on_to_inquiry()
    {
        using var lounge = site.Lounge();
        var visit = Visit(Site.Open, "192.0.2.81");
        visit.Headers.Remove("X-Forwarded-For");
        visit.Headers.Add("X-Forwarded-For", "10.9.9.9, 192.0.2.81");

        Assert.Equal(HttpStatusCode.OK, (await lounge.SendAsync(visit)).StatusCode);
        Assert.DoesNotContain(site.ForwardedFor, address => address.Contains("10.9.9.9", StringComparison.Ordinal));
    }

    private static async Task AssertFriendly429Async(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Contains("잠시 후 다시 시도해 주세요", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    /// <summary>A page view from a visitor behind a proxy the Lounge trusts (loopback, as the AppHost's).</summary>
    private static HttpRequestMessage Visit(Guid inquiryId, string visitor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/inquiries/{inquiryId}?token=tok");
        request.Headers.Add("X-Forwarded-For", visitor);
        return request;
    }

    public sealed class Site : IAsyncLifetime
    {
        public const int PermitsPerMinute = 5;
        public static readonly Guid Open = Guid.NewGuid();
        public static readonly Guid Busy = Guid.NewGuid();

        private WebApplication? inquiry;
        private LoungeFactory? lounge;

        public ConcurrentBag<string> ForwardedFor { get; } = [];

        public Uri LoungeUrl { get; } = new($"http://127.0.0.1:{FreePort()}");

        public HttpClient Lounge() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = LoungeUrl };

        public async Task InitializeAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            inquiry = builder.Build();
            inquiry.MapGet("/api/inquiries/{id:guid}", (Guid id, HttpRequest request) =>
            {
                ForwardedFor.Add(request.Headers["X-Forwarded-For"].ToString());
                if (id == Busy)
                {
                    request.HttpContext.Response.Headers.RetryAfter = "17";
                    return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
                }

                return Results.Json(new
                {
                    inquiryId = id, status = "open", waitingOn = "agent", submittedAt = DateTimeOffset.UtcNow, lastActivityAt = DateTimeOffset.UtcNow,
                    email = "visitor@customer.test", companyName = "다우테크놀로지", phone = (string?)null, summary = "공정한 사용", details = "본문",
                    attachments = Array.Empty<object>(), messages = Array.Empty<object>(),
                });
            });
            await inquiry.StartAsync();
            var inquiryUrl = inquiry.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

            lounge = new LoungeFactory(inquiryUrl);
            lounge.UseKestrel(LoungeUrl.Port);
            lounge.StartServer();
        }

        public async Task DisposeAsync()
        {
            if (lounge is not null)
            {
                await lounge.DisposeAsync();
            }

            if (inquiry is not null)
            {
                await inquiry.DisposeAsync();
            }
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private sealed class LoungeFactory(string inquiryUrl) : WebApplicationFactory<LoungeProgram>
        {
            protected override void ConfigureWebHost(IWebHostBuilder builder)
            {
                builder.UseEnvironment("Testing");
                builder.UseSetting("services:inquiry:http:0", inquiryUrl);
                builder.UseSetting("services:knowledge:http:0", inquiryUrl);
                builder.UseSetting("Lounge:PermitsPerMinute", PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
