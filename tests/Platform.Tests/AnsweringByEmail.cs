using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MailKit.Net.Smtp;
using MimeKit;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Platform.Tests;

/// <summary>
/// Issue 21 as a person tries it in a local run: the receipt answers to the inquiry's own address,
/// the answer sent to the catcher's <c>mail in</c> port lands in the support mailbox (Dovecot), and
/// Notification takes it from there into the inquiry, which shows it as an emailed message — with
/// its file, in Debian's chromium, on the customer's Lounge page and on the agent's desk page.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AnsweringByEmail(RunningPlatform platform)
{
    [Fact]
    public async Task An_answer_sent_to_mail_in_with_a_file_shows_in_the_Lounge_and_the_desk_as_an_emailed_message_without_its_quoted_history()
    {
        var email = $"answer-{Guid.NewGuid():N}@customer.test";
        using var inquiry = platform.App.CreateHttpClient("inquiry", "http");
        using var submitted = await inquiry.PostAsJsonAsync("/api/inquiries", new
        {
            email,
            companyName = "다우테크놀로지 주식회사",
            summary = "메일 회신 확인",
            details = "메일로 답장하면 문의에 붙는지 확인합니다.",
            consent = new { accepted = true, policyVersion = "2024-01" },
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var receipt = (await submitted.Content.ReadFromJsonAsync<JsonElement>())!;
        var (id, token) = (receipt.GetProperty("inquiryId").GetGuid(), receipt.GetProperty("accessToken").GetString()!);

        var ours = await Eventually.ReturnsAsync(
            () => Task.FromResult(platform.CaughtMail().Select(Parse).FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address == email))),
            m => m is not null,
            "the receipt to reach the SMTP catcher",
            TimeSpan.FromSeconds(60));
        var replyAddress = Assert.Single(ours!.ReplyTo.Mailboxes).Address;
        Assert.StartsWith("support+", replyAddress, StringComparison.Ordinal);

        var answer = new MimeMessage { Subject = "RE: " + ours.Subject, InReplyTo = ours.MessageId };
        answer.From.Add(MailboxAddress.Parse(email));
        answer.To.Add(MailboxAddress.Parse(replyAddress));
        answer.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "알려 주신 설정으로 해결되었습니다.\n\n-----Original Message-----\n" + ours.TextBody },
            new MimePart("text", "plain")
            {
                FileName = "설정 후 로그.txt",
                Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("Dec  7 16:00:01 tmse relay: delivered\n"))),
                ContentTransferEncoding = ContentEncoding.Base64,
            },
        };
        var mailIn = platform.App.GetEndpoint("mail", "in");
        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync(mailIn.Host, mailIn.Port, MailKit.Security.SecureSocketOptions.None);
            await smtp.SendAsync(answer);
            await smtp.DisconnectAsync(quit: true);
        }

        var message = await Eventually.ReturnsAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/inquiries/{id}") { Headers = { { "X-Inquiry-Token", token } } };
                using var response = await inquiry.SendAsync(request);
                var view = await response.Content.ReadFromJsonAsync<JsonElement>();
                return view.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("author").GetString() == "customer").ToList();
            },
            messages => messages.Count == 1,
            "the emailed answer to reach the inquiry",
            TimeSpan.FromSeconds(60));
        Assert.Equal(("알려 주신 설정으로 해결되었습니다.", "email"), (message[0].GetProperty("body").GetString(), message[0].GetProperty("channel").GetString()));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestServers.Chromium ?? throw new InvalidOperationException("chromium not found: install Debian's `chromium` or set SUPPORTPLATFORM_TEST_CHROMIUM."),
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ko-KR", IgnoreHTTPSErrors = true });
        context.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
        var violations = new List<string>();

        // The customer's page in the Lounge (their private link): the answer, marked as sent by email, and its file.
        var lounge = await context.NewPageAsync();
        await lounge.GotoAsync(new Uri(platform.App.GetEndpoint("lounge", "http"), $"/inquiries/{id}?token={Uri.EscapeDataString(token)}").ToString());
        var inLounge = lounge.Locator(".message--customer", new() { HasTextString = "알려 주신 설정으로 해결되었습니다." });
        await Assertions.Expect(inLounge.Locator(".message__author")).ToContainTextAsync("메일 회신");
        await Assertions.Expect(inLounge.Locator(".attachment-list")).ToContainTextAsync("설정 후 로그.txt");
        await Assertions.Expect(inLounge).Not.ToContainTextAsync("-----Original Message-----");
        await CollectAsync(lounge, "Lounge inquiry", violations);

        // The agent's page in the desk: the same message, as 메일, with the file to download and the whole email on demand.
        var desk = await context.NewPageAsync();
        await desk.GotoAsync(new Uri(platform.App.GetEndpoint("agent", "http"), $"/inquiries/{id}").ToString());
        await desk.FillAsync("#Email", "agent@example.com");
        await desk.FillAsync("#Password", await DemoPasswordAsync());
        await desk.ClickAsync("form button[type=submit]");
        var inDesk = desk.Locator(".entry.customer", new() { HasTextString = "알려 주신 설정으로 해결되었습니다." });
        await Assertions.Expect(inDesk.Locator("[data-channel=email]")).ToContainTextAsync("메일");
        var file = inDesk.Locator("a", new() { HasTextString = "설정 후 로그.txt" });
        var download = await context.APIRequest.GetAsync(new Uri(new Uri(desk.Url), await file.GetAttributeAsync("href")).ToString());
        Assert.Equal("Dec  7 16:00:01 tmse relay: delivered\n", await download.TextAsync());
        await inDesk.Locator("details.original summary").ClickAsync();
        await Assertions.Expect(inDesk.Locator("details.original pre")).ToContainTextAsync("-----Original Message-----");
        await CollectAsync(desk, "desk inquiry", violations);
        Assert.Empty(violations);
    }

    /// <summary>The page's serious and critical axe violations, named.</summary>
    private static async Task CollectAsync(IPage page, string name, List<string> violations)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes);
        violations.AddRange(result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Id} ({v.Impact}) {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
    }

    private async Task<string> DemoPasswordAsync() =>
        (await platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<ParameterResource>().Single(p => p.Name == "demo-password").GetValueAsync(CancellationToken.None))!;

    private static MimeMessage Parse(string raw) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)));
}
