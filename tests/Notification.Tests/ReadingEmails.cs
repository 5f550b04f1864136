using MimeKit;
using SupportPlatform.Notification.Inbound.Reading;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>
/// Issue 21: an incoming email taken apart — charsets Korean mail uses, HTML-only mail as safe text,
/// the customer's own words without quoted history or signature, auto-replies and bounces told
/// apart — on <c>.eml</c> files written like Naver, Gmail, Outlook and DaouOffice write them.
/// </summary>
public sealed class ReadingEmails
{
    private const string ReplyAddress = "support+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@vendor.test";
    private const string OurMessageId = "0194a0c20000700080000000000000a1@vendor.test";

    [Fact]
    public void Naver_in_EUC_KR_is_decoded_and_its_Original_Message_block_cut()
    {
        var mail = Read("naver-euc-kr.eml");

        Assert.Equal("네, 말씀하신 대로 스팸 차단 예외에 등록했습니다.\n이제 정상적으로 수신됩니다. 감사합니다.", mail.Text);
        Assert.Contains("-----Original Message-----", mail.Original);
        Assert.Equal((InboundKind.Message, "kim.minji@naver.com"), (mail.Kind, mail.From));
        Assert.Contains(ReplyAddress, mail.Recipients);
        Assert.Equal([OurMessageId, OurMessageId], mail.Answers);
        // The topmost Authentication-Results is our server's; the relay's older spf=fail below it proves nothing.
        Assert.Equal(("spf=pass dkim=pass dmarc=pass", false), (mail.Authentication, mail.AuthenticationFailed));
    }

    [Fact]
    public void Gmail_in_Korean_loses_its_wrapped_attribution_line_and_quote()
    {
        var mail = Read("gmail-korean.eml");

        Assert.Equal("재시작 후에도 같은 증상이 있어 로그를 첨부드립니다.\n확인 부탁드립니다.", mail.Text);
        Assert.Equal(["0194a0c20000700080000000000000a1@vendor.test", "0194a0c20000700080000000000000a0@vendor.test", OurMessageId], mail.Answers);
    }

    [Fact]
    public void Outlook_in_CP949_loses_its_header_block_and_reports_failed_DMARC()
    {
        var mail = Read("outlook-cp949.eml");

        Assert.Equal("담당자님,\n\n정책 변경 후 발송이 정상화되었습니다.\n종결 처리하셔도 됩니다.\n\n박서연 / 보안운영팀\n(주)한빛소프트", mail.Text);
        Assert.Equal(("spf=softfail dkim=none dmarc=fail", true), (mail.Authentication, mail.AuthenticationFailed));
        Assert.Equal("park.sy@hanbit-example.co.kr", mail.From);
    }

    [Fact]
    public void DaouOffice_in_ISO_2022_KR_loses_its_original_message_block()
    {
        var mail = Read("daouoffice-iso-2022-kr.eml");

        Assert.Equal("로그 파일 위치는 /var/log/tmse 입니다.", mail.Text);
        Assert.Empty(mail.Answers);
        Assert.Null(mail.Authentication);
    }

    [Fact]
    public void HTML_only_mail_becomes_text_without_markup_script_or_quote()
    {
        var mail = Read("html-only.eml");

        Assert.Equal("Thanks, the <relay> works now & mail flows.\n\nBest,\nJohn", mail.Text);
        Assert.DoesNotContain("alert", mail.Original, StringComparison.Ordinal);
        Assert.DoesNotContain("color", mail.Original, StringComparison.Ordinal);
        Assert.Contains("> Please restart the relay.", mail.Original);
    }

    [Fact]
    public void An_out_of_office_answer_is_an_auto_reply()
    {
        Assert.Equal(InboundKind.AutoReply, Read("out-of-office.eml").Kind);
    }

    [Fact]
    public void A_delivery_status_notification_names_the_email_that_bounced()
    {
        var mail = Read("dsn-bounce.eml");

        Assert.Equal(InboundKind.Bounce, mail.Kind);
        Assert.Equal([OurMessageId], mail.BouncedMessageIds);
    }

    [Fact]
    public void Outlooks_attachments_are_its_files_with_their_Korean_names_and_not_part_of_its_text()
    {
        var mail = Read("outlook-attachments.eml");

        Assert.Equal("담당자님,\n\n차단 화면과 메일 로그를 첨부합니다.", mail.Text);
        Assert.Equal(["차단화면.png", "maillog.txt"], mail.Attachments.Select(a => a.FileName));
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], mail.Attachments[0].Content![..4]);
        Assert.Equal(mail.Attachments[0].Content!.Length, mail.Attachments[0].Size);
        Assert.Contains("554 5.7.1 blocked", System.Text.Encoding.UTF8.GetString(mail.Attachments[1].Content!));
        Assert.DoesNotContain("554 5.7.1", mail.Original, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_past_the_limits_are_named_without_their_content()
    {
        var message = new MimeMessage { Subject = "로그" };
        var body = new Multipart("mixed") { new TextPart("plain") { Text = "로그 세 개입니다." } };
        foreach (var (name, bytes) in new[] { ("a.log", 9 * 1024 * 1024), ("b.log", 11 * 1024 * 1024), ("c.log", 9 * 1024 * 1024), ("d.log", 9 * 1024 * 1024) })
        {
            body.Add(new MimePart("text", "plain") { FileName = name, Content = new MimeContent(new MemoryStream(new byte[bytes])), ContentTransferEncoding = ContentEncoding.Base64 });
        }

        message.Body = body;

        var files = InboundMail.FilesOf(message);

        // b is over 10 MB alone; d would take the message past 25 MB with a and c.
        Assert.Equal([("a.log", true), ("b.log", false), ("c.log", true), ("d.log", false)], files.Select(f => (f.FileName, f.Content is not null)));
        Assert.Equal(11L * 1024 * 1024, files[1].Size);
    }

    [Theory]
    [InlineData("Thanks!\n\nOn Mon, Dec 7, 2026 at 3:00 PM Support <support@vendor.test> wrote:\n> old", "Thanks!")]
    [InlineData("알겠습니다.\n\n2026년 12월 7일 (월) 오후 3:00, 고객케어 라운지 <support@vendor.test>님이 작성:\n> 이전", "알겠습니다.")]
    [InlineData("확인했습니다.\n\n-----원본 메시지-----\n보낸 사람: a", "확인했습니다.")]
    [InlineData("Done.\n\n-- \nJohn Smith\nACME", "Done.")]
    [InlineData("네 감사합니다.\n\niPhone에서 보냄", "네 감사합니다.")]
    [InlineData("Fixed.\n\nFrom: Support <support@vendor.test>\nSent: Monday\nTo: me\nSubject: Re", "Fixed.")]
    [InlineData("From: the logs I see this:\nerror 42\nPlease check.", "From: the logs I see this:\nerror 42\nPlease check.")]
    [InlineData("> only a quote\n> nothing else", "> only a quote\n> nothing else")]
    public void Quoted_history_and_signatures_are_cut_and_nothing_else(string text, string expected) =>
        Assert.Equal(expected, ReplyText.Strip(text));

    private static InboundMail Read(string file) =>
        InboundMail.Read(MimeMessage.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Mail", file)));
}
