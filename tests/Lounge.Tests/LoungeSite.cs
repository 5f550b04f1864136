extern alias inquiry;
extern alias knowledge;
extern alias lounge;
extern alias notification;

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using MimeKit;
using SupportPlatform.Testing;
using Xunit;
using InquiryProgram = inquiry::Program;
using KnowledgeProgram = knowledge::Program;
using LoungeProgram = lounge::Program;
using NotificationProgram = notification::Program;

namespace SupportPlatform.Lounge.Tests;

/// <summary>
/// The whole customer path on real parts: Inquiry, Knowledge and Notification in-process on real
/// Kestrel ports (one database, one vhost, a real aiosmtpd), the Lounge on its own port reaching
/// them only through the URLs an AppHost would give it, and Debian's chromium driven by Playwright.
/// </summary>
public sealed class LoungeSite : IAsyncLifetime
{
    private ServiceFactory<InquiryProgram>? inquiries;
    private ServiceFactory<KnowledgeProgram>? knowledgeService;
    private ServiceFactory<NotificationProgram>? notifications;
    private LoungeFactory? lounge;
    private IPlaywright? playwright;

    /// <summary>A third-party front end the public APIs are configured to answer in the browser.</summary>
    public const string PartnerOrigin = "https://partner-helpdesk.example";

    public PostgresDatabase Database { get; } = new();

    public RabbitMqVhost Vhost { get; } = new();

    public SmtpServer Smtp { get; } = new();

    public Uri InquiryUrl { get; } = new($"http://127.0.0.1:{FreePort()}");

    public Uri KnowledgeUrl { get; } = new($"http://127.0.0.1:{FreePort()}");

    public Uri LoungeUrl { get; } = new($"http://127.0.0.1:{FreePort()}");

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var chromium = TestServers.Chromium
            ?? throw new InvalidOperationException("No chromium: install Debian's chromium or set SUPPORTPLATFORM_TEST_CHROMIUM (test.sh does).");
        await Database.InitializeAsync();
        await Vhost.InitializeAsync();
        await Smtp.InitializeAsync();

        notifications = new ServiceFactory<NotificationProgram>(Database, Vhost);
        notifications.Settings["Smtp:Host"] = Smtp.Host;
        notifications.Settings["Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture);
        notifications.Settings["Smtp:From"] = "고객케어 라운지 <no-reply@vendor.test>";
        notifications.Settings["Notification:SupportTeamAddress"] = "support-team@vendor.test";
        // The key the AppHost sets for every service: receipts link to this Lounge.
        notifications.Settings["services:lounge:http:0"] = LoungeUrl.ToString().TrimEnd('/');
        // Events carry ids: address and content come from Inquiry's internal API when an email is composed.
        notifications.Settings["services:inquiry:http:0"] = InquiryUrl.ToString();
        _ = notifications.Services; // its queues exist before the first event is published

        knowledgeService = new ServiceFactory<KnowledgeProgram>(Database, Vhost);
        knowledgeService.Settings["Knowledge:IndexRefreshSeconds"] = "0.5";
        knowledgeService.Settings["Cors:AllowedOrigins"] = PartnerOrigin;
        knowledgeService.Settings["services:inquiry:http:0"] = InquiryUrl.ToString();
        knowledgeService.UseKestrel(KnowledgeUrl.Port);
        knowledgeService.StartServer();

        inquiries = new ServiceFactory<InquiryProgram>(Database, Vhost);
        inquiries.Settings["PersonalData:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        inquiries.Settings["PersonalData:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // Every browser request reaches Inquiry from the Lounge's one address.
        inquiries.Settings["RateLimiting:PublicPermitsPerMinute"] = "100000";
        inquiries.Settings["Cors:AllowedOrigins"] = PartnerOrigin;
        inquiries.UseKestrel(InquiryUrl.Port);
        inquiries.StartServer();

        lounge = new LoungeFactory(this);
        lounge.UseKestrel(LoungeUrl.Port);
        lounge.StartServer();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--lang=ko-KR"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        foreach (var factory in new IAsyncDisposable?[] { lounge, inquiries, knowledgeService, notifications })
        {
            if (factory is not null)
            {
                await factory.DisposeAsync();
            }
        }

        await Smtp.DisposeAsync();
        await Vhost.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies), Korean, at a desktop or phone width.</summary>
    public async Task<IPage> OpenPageAsync(bool javaScript = true, bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = LoungeUrl.ToString(),
            JavaScriptEnabled = javaScript,
            Locale = "ko-KR",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            DeviceScaleFactor = phone ? 2 : 1,
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(60_000); // generous: test assemblies run side by side on two cores in CI
        return await context.NewPageAsync();
    }

    public HttpClient Inquiry() => new() { BaseAddress = InquiryUrl };

    public HttpClient Lounge() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = LoungeUrl };

    /// <summary>An agent of the desk, with a token signed by the test key.</summary>
    public HttpClient Agent()
    {
        var client = Inquiry();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StaffTokens.For(Guid.NewGuid(), "김지원", "agent"));
        return client;
    }

    /// <summary>An inquiry filed straight through the public API, as another front end would.</summary>
    public async Task<(Guid Id, string Token)> SubmitThroughApiAsync(string email, string summary, string details = "스팸서버 설정을 문의합니다.")
    {
        using var client = Inquiry();
        var response = await client.PostAsJsonAsync("/api/inquiries", new
        {
            email,
            companyName = "다우테크놀로지",
            summary,
            details,
            consent = new { accepted = true, policyVersion = "2024-01" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (receipt.GetProperty("inquiryId").GetGuid(), receipt.GetProperty("accessToken").GetString()!);
    }

    /// <summary>An agent answers and closes the inquiry, which sends the satisfaction survey; returns the survey token (read as Notification reads it).</summary>
    public async Task<string> AnswerAndCloseAsync(Guid id)
    {
        using var agent = Agent();
        foreach (var (action, body) in new (string, object?)[] { ("replies", new { body = "필터관리 ▶ 허용 목록에서 발신 서버를 등록해 주세요." }), ("close", null) })
        {
            var view = await agent.GetAsync($"/api/agent/inquiries/{id}");
            view.EnsureSuccessStatusCode();
            using var command = new HttpRequestMessage(HttpMethod.Post, $"/api/agent/inquiries/{id}/{action}") { Content = body is null ? null : JsonContent.Create(body) };
            command.Headers.IfMatch.Add(view.Headers.ETag!);
            Assert.Equal(HttpStatusCode.OK, (await agent.SendAsync(command)).StatusCode);
        }

        using var service = Inquiry();
        service.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StaffTokens.For("service"));
        return (await service.GetFromJsonAsync<JsonElement>($"/internal/inquiries/{id}")).GetProperty("surveyToken").GetString()!;
    }

    /// <summary>How many inquiries the agents' queue lists for an address (the queue searches by the email's keyed hash).</summary>
    public async Task<int> QueuedInquiriesOfAsync(string email)
    {
        using var agent = Agent();
        var queue = await agent.GetFromJsonAsync<JsonElement>($"/api/agent/inquiries?q={Uri.EscapeDataString(email)}");
        return queue.GetProperty("items").GetArrayLength();
    }

    /// <summary>Every email the SMTP server accepted for an address, decoded.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MailToAsync(string address) =>
        [.. (await Smtp.ReadMessagesAsync())
            .Select(raw => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw))))
            .Where(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits for the first email to an address (with a subject containing <paramref name="subject"/>, when given).</summary>
    public async Task<MimeMessage> FirstMailToAsync(string address, string? subject = null) =>
        (await Eventually.ReturnsAsync(
            async () => (await MailToAsync(address)).FirstOrDefault(m => subject is null || (m.Subject ?? "").Contains(subject, StringComparison.Ordinal)),
            m => m is not null,
            $"an email to {address} about {subject ?? "anything"}",
            TimeSpan.FromSeconds(30)))!;

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The Lounge as an AppHost would start it: only the two API addresses, under Aspire's keys.</summary>
    private sealed class LoungeFactory(LoungeSite site) : WebApplicationFactory<LoungeProgram>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("services:inquiry:http:0", site.InquiryUrl.ToString().TrimEnd('/'));
            builder.UseSetting("services:knowledge:http:0", site.KnowledgeUrl.ToString().TrimEnd('/'));
            // Every test's browser is the same visitor (127.0.0.1); SharingTheLoungeFairly tests the limit.
            builder.UseSetting("Lounge:PermitsPerMinute", "100000");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LoungeCollection : ICollectionFixture<LoungeSite>
{
    public const string Name = "Lounge site";
}
