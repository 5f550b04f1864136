using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// Issue 21 in the desk: each customer message shows its channel (웹 / 메일) and, for an email, its
/// whole text on demand and a warning when the sender's authentication failed; held emails wait in
/// their own section until an agent accepts or discards them; a bounced email is announced.
/// </summary>
public sealed partial class ShowingEmailedAnswers(DeskPlatform platform) : IClassFixture<DeskPlatform>
{
    [Fact]
    public async Task An_emailed_answer_shows_as_mail_and_a_held_email_is_accepted_into_the_thread()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (inquiryId, customerEmail, accessToken) = await platform.SubmitInquiryWithTokenAsync("메일 회신 표시");
        await platform.FollowUpAsync(inquiryId, accessToken, "웹에서 남긴 추가 문의");
        var token = await platform.ReplyTokenAsync(inquiryId);
        await platform.HandOverEmailAsync(inquiryId, token, customerEmail, "메일로 보낸 답장입니다", failed: true);
        await platform.HandOverEmailAsync(inquiryId, token, "colleague@elsewhere.test", "동료가 대신 보낸 메일", failed: false);
        using var agent = platform.Browser();
        await DeskPlatform.SignInAsync(agent, agentEmail);

        var page = await agent.GetStringAsync($"/inquiries/{inquiryId}");
        Assert.Contains("data-channel=\"web\">웹 Web</span>", page, StringComparison.Ordinal);
        Assert.Contains("data-channel=\"email\">메일 Email</span>", page, StringComparison.Ordinal);
        Assert.Contains("발신 인증 실패: 위조된 메일일 수 있습니다 (spf=pass dkim=fail dmarc=fail)", page, StringComparison.Ordinal);
        Assert.Contains("-----원본 메시지-----", page, StringComparison.Ordinal);
        var heldId = HeldEmail().Match(page).Groups[1].Value;
        Assert.Contains("colleague@elsewhere.test", page, StringComparison.Ordinal);

        var accepted = await agent.PostAsync($"/inquiries/{inquiryId}?handler=HeldEmail", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Version"] = VersionField().Match(page).Groups[1].Value,
            ["heldEmailId"] = heldId,
            ["accept"] = "true",
            ["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var after = await agent.GetStringAsync($"/inquiries/{inquiryId}");
        Assert.DoesNotContain("id=\"held-emails\"", after, StringComparison.Ordinal);
        Assert.Contains("동료가 대신 보낸 메일", after, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(after, "data-channel=\"email\""));
    }

    [Fact]
    public async Task An_emailed_answers_files_are_downloads_and_the_refused_ones_are_named_with_the_reason()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (inquiryId, customerEmail, _) = await platform.SubmitInquiryWithTokenAsync("메일 첨부 표시");
        var log = "Dec  7 15:01:02 tmse postfix/smtpd: reject 554 5.7.1\n"u8.ToArray();
        var program = "MZ\u0090\0"u8.ToArray();
        await platform.HandOverEmailAsync(inquiryId, await platform.ReplyTokenAsync(inquiryId), customerEmail, "로그 첨부합니다", failed: false,
        [
            new { fileName = "메일로그.txt", size = log.Length, content = log },
            new { fileName = "setup.exe", size = program.Length, content = program },
        ]);
        using var agent = platform.Browser();
        await DeskPlatform.SignInAsync(agent, agentEmail);

        var page = await agent.GetStringAsync($"/inquiries/{inquiryId}");

        var download = DownloadLink().Match(page);
        Assert.True(download.Success, "a download link for the emailed file");
        Assert.Equal("메일로그.txt", download.Groups["name"].Value);
        Assert.Equal(log, await agent.GetByteArrayAsync(WebUtility.HtmlDecode(download.Groups["href"].Value)));
        Assert.Contains("setup.exe — 허용되지 않는 파일 형식", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bounced_email_is_announced_on_the_inquiry()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (inquiryId, _) = await platform.SubmitInquiryAsync("반송 알림");
        await Eventually.TrueAsync(
            async () => await platform.Database.ScalarAsync<long>("SELECT count(*) FROM notification.deliveries WHERE inquiry_id = @id AND kind = 'receipt' AND status = 'sent'", ("id", inquiryId)) == 1,
            "the receipt sent");
        using var agent = platform.Browser();
        await DeskPlatform.SignInAsync(agent, agentEmail);
        Assert.DoesNotContain("id=\"bounced\"", await agent.GetStringAsync($"/inquiries/{inquiryId}"), StringComparison.Ordinal);

        // What the mailbox reader does with a delivery status notification for the receipt.
        await platform.Database.ScalarAsync<int>(
            "WITH b AS (UPDATE notification.deliveries SET status = 'bounced', bounced_at = now() WHERE inquiry_id = @id AND kind = 'receipt' RETURNING 1) SELECT count(*)::int FROM b", ("id", inquiryId));

        var page = await agent.GetStringAsync($"/inquiries/{inquiryId}");
        Assert.Contains("고객 주소로 메일이 반송되었습니다", page, StringComparison.Ordinal);
        Assert.Contains("반송됨 Bounced", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("<a href=\"(?<href>/inquiries/[0-9a-f-]{36}\\?handler=Attachment&amp;attachmentId=[0-9a-f-]{36})\">(?<name>[^<]+)</a>")]
    private static partial Regex DownloadLink();

    [GeneratedRegex("data-held=\"([0-9a-f-]{36})\"")]
    private static partial Regex HeldEmail();

    [GeneratedRegex("id=\"Version\" name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
