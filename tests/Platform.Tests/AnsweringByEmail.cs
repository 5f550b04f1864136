using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using MailKit.Net.Smtp;
using MimeKit;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Platform.Tests;

/// <summary>
/// Issue 21 as a person tries it in a local run: the receipt answers to the inquiry's own address,
/// the answer sent to the catcher's <c>mail in</c> port lands in the support mailbox (Dovecot), and
/// Notification takes it from there into the inquiry, which shows it as an emailed message.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AnsweringByEmail(RunningPlatform platform)
{
    [Fact]
    public async Task An_answer_sent_to_mail_in_reaches_the_inquiry_as_an_emailed_message_without_its_quoted_history()
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
        answer.Body = new TextPart("plain") { Text = "알려 주신 설정으로 해결되었습니다.\n\n-----Original Message-----\n" + ours.TextBody };
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
    }

    private static MimeMessage Parse(string raw) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)));
}
