extern alias agent;
extern alias inquiry;
extern alias knowledge;
extern alias notification;

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportPlatform.Testing;
using Xunit;
using AgentProgram = agent::Program;
using InquiryProgram = inquiry::Program;
using KnowledgeProgram = knowledge::Program;
using NotificationProgram = notification::Program;
using StaffAccounts = agent::SupportPlatform.Agent.Staff.StaffAccounts;
using StaffMember = agent::SupportPlatform.Agent.Staff.StaffMember;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// The whole platform behind the desk, in-process on real Kestrel ports: Inquiry, Knowledge,
/// Notification (sending to a real aiosmtpd) and the Agent desk, on the class's own database and
/// vhost. The desk runs on the real clock, since the tokens it mints are checked against real time.
/// </summary>
public partial class DeskPlatform : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    public PostgresDatabase Database { get; } = new();

    public RabbitMqVhost Vhost { get; } = new();

    public SmtpServer Smtp { get; } = new();

    public ServiceFactory<InquiryProgram> Inquiry { get; private set; } = null!;

    public ServiceFactory<KnowledgeProgram> Knowledge { get; private set; } = null!;

    public ServiceFactory<NotificationProgram> Notification { get; private set; } = null!;

    public DeskFactory Desk { get; private set; } = null!;

    public Uri DeskUrl { get; private set; } = null!;

    public Uri InquiryUrl { get; private set; } = null!;

    public Uri KnowledgeUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Database.InitializeAsync(), Vhost.InitializeAsync(), Smtp.InitializeAsync());

        // Notification and Knowledge read personal data from Inquiry's internal API, and start first
        // (below): Inquiry's port is chosen now.
        var inquiryPort = FreePort();
        var inquiryUrl = $"http://127.0.0.1:{inquiryPort}/";
        Notification = new ServiceFactory<NotificationProgram>(Database, Vhost);
        Notification.Settings["services:inquiry:http:0"] = inquiryUrl;
        Notification.Settings["Smtp:Host"] = Smtp.Host;
        Notification.Settings["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Notification.Settings["Smtp:From"] = "고객케어 라운지 <no-reply@vendor.test>";
        Notification.Settings["Notification:SupportTeamAddress"] = "support-team@vendor.test";
        Knowledge = new ServiceFactory<KnowledgeProgram>(Database, Vhost);
        Knowledge.Settings["services:inquiry:http:0"] = inquiryUrl;
        Inquiry = new ServiceFactory<InquiryProgram>(Database, Vhost);
        Inquiry.Settings["PersonalData:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Inquiry.Settings["PersonalData:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        foreach (var (key, value) in InquirySettings)
        {
            Inquiry.Settings[key] = value;
        }

        // Consumers first, so their queues are bound before Inquiry publishes anything.
        var notificationUrl = Start(Notification);
        KnowledgeUrl = Start(Knowledge);
        InquiryUrl = Start(Inquiry, inquiryPort);

        this.notificationUrl = notificationUrl;
        (Desk, DeskUrl) = StartDesk();
    }

    /// <summary>Inquiry's settings beyond its keys, for a platform a test class needs otherwise (a smaller search budget, say).</summary>
    protected virtual IReadOnlyDictionary<string, string?> InquirySettings { get; } = new Dictionary<string, string?>();

    /// <summary>
    /// A second replica of the desk on the same database and vhost, started on first use: what one
    /// replica's page does, the other's pages see through the broker.
    /// </summary>
    public (DeskFactory Desk, Uri Url) SecondDesk => secondDesk ??= StartDesk();

    private (DeskFactory Desk, Uri Url)? secondDesk;

    private Uri notificationUrl = null!;

    private (DeskFactory, Uri) StartDesk()
    {
        var desk = new DeskFactory(Database, Vhost);
        desk.Settings["services:inquiry:http:0"] = InquiryUrl.ToString();
        desk.Settings["services:knowledge:http:0"] = KnowledgeUrl.ToString();
        desk.Settings["services:notification:http:0"] = notificationUrl.ToString();
        desk.Settings["services:lounge:http:0"] = "http://lounge.test";
        desk.Settings["Staff:MaxFailedAccessAttempts"] = "3";
        // Over HTTPS, as in production: the desk's cookies are Secure in every environment but Development.
        desk.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(TestCertificate.Localhost)));
        return (desk, Started(desk));
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in new IAsyncDisposable?[] { secondDesk?.Desk, Desk, Inquiry, Knowledge, Notification })
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

    /// <summary>A member of staff with <see cref="Password"/>, created as an admin would.</summary>
    public async Task<(Guid Id, string Email)> CreateMemberAsync(string role, string? name = null)
    {
        var email = $"{role}-{Guid.NewGuid():N}@staff.test";
        await using var scope = Desk.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
            .CreateOrResetAsync(email, name ?? $"상담원 {email[..6]}", Password, [role]);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return (result.Member!.Id, email);
    }

    /// <summary>A customer's submission through Inquiry's public API.</summary>
    public async Task<(Guid InquiryId, string Email)> SubmitInquiryAsync(string summary, string? details = null, (string Name, string Text)? attachment = null)
    {
        var (inquiryId, email, _) = await SubmitInquiryWithTokenAsync(summary, details, attachment);
        return (inquiryId, email);
    }

    /// <summary>A customer's submission, with the private-link token the customer follows up with.</summary>
    public async Task<(Guid InquiryId, string Email, string AccessToken)> SubmitInquiryWithTokenAsync(string summary, string? details = null, (string Name, string Text)? attachment = null)
    {
        var email = $"customer-{Guid.NewGuid():N}@customer.test";
        using var client = new HttpClient { BaseAddress = InquiryUrl };
        Guid[] attachmentIds = [];
        string[] uploadTokens = [];
        if (attachment is var (name, text))
        {
            var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
            var uploaded = await client.PostAsync("/api/attachments", new MultipartFormDataContent { { file, "file", name } });
            Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
            var upload = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
            attachmentIds = [upload.GetProperty("attachmentId").GetGuid()];
            uploadTokens = [upload.GetProperty("uploadToken").GetString()!];
        }

        var response = await client.PostAsJsonAsync("/api/inquiries", new
        {
            email,
            companyName = "다우테크놀로지 주식회사",
            phone = "010-4321-8765",
            summary,
            details = details ?? "스팸서버에서 랜섬웨어 첨부 메일이 통과됩니다. 설정을 확인해 주세요.",
            consent = new { accepted = true, policyVersion = "2024-01" },
            attachmentIds,
            uploadTokens,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (receipt.GetProperty("inquiryId").GetGuid(), email, receipt.GetProperty("accessToken").GetString()!);
    }

    /// <summary>The customer adds a message by the private link.</summary>
    public async Task FollowUpAsync(Guid inquiryId, string accessToken, string body)
    {
        using var client = new HttpClient { BaseAddress = InquiryUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/inquiries/{inquiryId}/messages") { Content = JsonContent.Create(new { body }) };
        request.Headers.Add("X-Inquiry-Token", accessToken);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(request)).StatusCode);
    }

    /// <summary>An agent's reply or internal note (<paramref name="kind"/> "replies" or "notes") through Inquiry's API, on the current version.</summary>
    public async Task AddAsAgentAsync(Guid inquiryId, string kind, string body)
    {
        using var client = new HttpClient { BaseAddress = InquiryUrl };
        client.AsDesk("agent");
        var view = await client.GetAsync($"/api/agent/inquiries/{inquiryId}");
        view.EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/agent/inquiries/{inquiryId}/{kind}") { Content = JsonContent.Create(new { body }) };
        request.Headers.IfMatch.Add(view.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    /// <summary>Inquiry's reply token of the inquiry (from its internal API), which an emailed answer carries.</summary>
    public async Task<string> ReplyTokenAsync(Guid inquiryId)
    {
        using var service = Inquiry.CreateClient().WithStaff("service");
        var forEmail = await service.GetFromJsonAsync<JsonElement>($"/internal/inquiries/{inquiryId}");
        return forEmail.GetProperty("replyToken").GetString()!;
    }

    /// <summary>What the mailbox reader hands over for an emailed answer (with its files: fileName, size, content); a sender other than the customer's is held.</summary>
    public async Task HandOverEmailAsync(Guid inquiryId, string token, string from, string text, bool failed, IReadOnlyList<object>? attachments = null)
    {
        using var service = Inquiry.CreateClient().WithStaff("service");
        var response = await service.PostAsJsonAsync($"/internal/inquiries/{inquiryId}/emails", new
        {
            messageKey = "k-" + Guid.NewGuid().ToString("N"),
            replyToken = token,
            answersOurEmail = true,
            from,
            text,
            original = text + "\n\n-----원본 메시지-----",
            authentication = failed ? "spf=pass dkim=fail dmarc=fail" : "spf=pass dkim=pass dmarc=pass",
            authenticationFailed = failed,
            attachments,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Waits until the queue (a read model) lists the inquiry, as the desk would show it.</summary>
    public async Task WaitUntilQueuedAsync(Guid inquiryId)
    {
        using var client = new HttpClient { BaseAddress = InquiryUrl };
        client.AsDesk("agent");
        await Eventually.TrueAsync(
            async () => (await (await client.GetAsync($"/api/agent/inquiries?q={inquiryId}")).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("total").GetInt64() == 1,
            "the queue to list the inquiry");
    }

    /// <summary>An HTTPS client of the desk with its own cookie jar and no automatic redirects.</summary>
    public HttpClient Browser() => new(new HttpClientHandler
    {
        CookieContainer = new CookieContainer(),
        AllowAutoRedirect = false,
        ServerCertificateCustomValidationCallback = TestCertificate.IsTrusted,
    })
    { BaseAddress = DeskUrl };

    /// <summary>Signs in through the login form, antiforgery token included; returns the response of the POST.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password = Password)
    {
        var form = await browser.GetStringAsync("/account/login");
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
    }

    public static string AntiforgeryToken(string html) =>
        AntiforgeryInput().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token in the page.");

    private static Uri Start<TProgram>(ServiceFactory<TProgram> factory, int port = 0) where TProgram : class
    {
        factory.UseKestrel(port);
        return Started(factory);
    }

    private static Uri Started<TProgram>(ServiceFactory<TProgram> factory) where TProgram : class
    {
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = addresses.FirstOrDefault(a => a.Contains("127.0.0.1", StringComparison.Ordinal)) ?? addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}

/// <summary>
/// The desk under test: the shared service factory, but on the real clock (see <see cref="DeskPlatform"/>),
/// and with Identity's real password hasher counted, so a test can see which paths hash a password.
/// </summary>
public sealed class DeskFactory(PostgresDatabase database, RabbitMqVhost vhost) : ServiceFactory<AgentProgram>(database, vhost)
{
    public PasswordVerifications PasswordVerifications { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton(TimeProvider.System));
            services.AddSingleton(PasswordVerifications);
            services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<StaffMember>, CountedPasswordHasher>());
        });
    }

    private sealed class CountedPasswordHasher(IOptions<PasswordHasherOptions> options, PasswordVerifications verifications)
        : PasswordHasher<StaffMember>(options)
    {
        public override PasswordVerificationResult VerifyHashedPassword(StaffMember user, string hashedPassword, string providedPassword)
        {
            verifications.Add();
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>How many passwords the desk has verified against a hash (the work a sign-in costs).</summary>
public sealed class PasswordVerifications
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public void Add() => Interlocked.Increment(ref count);
}
