using MailKit;
using MailKit.Net.Imap;
using MimeKit;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>
/// Issue 21: the service reads a real IMAP mailbox (Dovecot from Testcontainers), finds the inquiry
/// of each answer by its reply address or its References, hands it to Inquiry's internal API (the
/// double) and deletes it; auto-replies and unmatched mail reach no inquiry, bounces mark the
/// delivery, an oversized message is set aside and reading goes on.
/// </summary>
public sealed class ReadingTheSupportMailbox(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp, DovecotMailbox mailbox)
    : NotificationTest(database, vhost, smtp), IClassFixture<DovecotMailbox>
{
    private const string SupportAddress = "support@vendor.test";
    private const int SizeCap = 200_000;
    private const int PerSender = 3;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Mailbox:Address"] = SupportAddress;
        settings["Mailbox:Host"] = mailbox.Host;
        settings["Mailbox:Port"] = mailbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Mailbox:UseSsl"] = "false";
        settings["Mailbox:UserName"] = DovecotMailbox.User;
        settings["Mailbox:Password"] = DovecotMailbox.Password;
        settings["Mailbox:PollInterval"] = "00:00:05";
        settings["Mailbox:MaxMessageBytes"] = SizeCap.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Mailbox:MaxPerSenderPerHour"] = PerSender.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_reply_to_the_reply_address_reaches_its_inquiry_without_the_quote_and_leaves_the_mailbox()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        Inquiries.Add(inquiry, customer, "릴레이 설정 문의");
        var replyAddress = ReplyAddresses.For(SupportAddress, InquiryApiDouble.ReplyTokenOf(inquiry));

        var answer = Mail(customer, replyAddress, "설정 변경 후 정상 동작합니다.\n\n-----원본 메시지-----\n보낸 사람: 고객케어 라운지");
        await AppendAsync(answer);

        var (_, email) = await ReceivedAsync(inquiry, 1);
        Assert.Equal(("설정 변경 후 정상 동작합니다.", InquiryApiDouble.ReplyTokenOf(inquiry), customer), (email.Text, email.ReplyToken, email.From));
        Assert.Contains("-----원본 메시지-----", email.Original);
        await Eventually.TrueAsync(async () => await CountAsync("INBOX") == 0, "the handled message deleted");
        Assert.True(await Database.ScalarAsync<long>("SELECT last_uid FROM notification.mailbox_cursors WHERE folder = 'INBOX'") >= 1);
        // Nothing of the mail stays here: not its address, text, subject, Message-ID or reply token.
        Assert.Empty(await PersonalDataScan.FindInDatabaseAsync(
            Database.DataSource, [customer, "설정 변경 후 정상 동작합니다", "RE: [고객케어 라운지] 문의", answer.MessageId!, InquiryApiDouble.ReplyTokenOf(inquiry)]));
    }

    [Fact]
    public async Task An_answers_files_are_handed_to_Inquiry_with_it_and_kept_nowhere_here()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        Inquiries.Add(inquiry, customer, "첨부 회신");
        var screenshot = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7 };
        var answer = Mail(customer, ReplyAddresses.For(SupportAddress, InquiryApiDouble.ReplyTokenOf(inquiry)), "캡처 첨부합니다.");
        answer.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "캡처 첨부합니다." },
            new MimePart("image", "png") { FileName = "차단 화면.png", Content = new MimeContent(new MemoryStream(screenshot)), ContentTransferEncoding = ContentEncoding.Base64 },
        };

        await AppendAsync(answer);

        var (_, email) = await ReceivedAsync(inquiry, 1);
        Assert.Equal("캡처 첨부합니다.", email.Text);
        var file = Assert.Single(email.Attachments!);
        Assert.Equal(("차단 화면.png", (long)screenshot.Length), (file.FileName, file.Size));
        Assert.Equal(screenshot, file.Content);
        await Eventually.TrueAsync(async () => await CountAsync("INBOX") == 0, "the handled message deleted");
        Assert.Empty(await PersonalDataScan.FindInDatabaseAsync(Database.DataSource, [customer, "차단 화면", "캡처 첨부합니다"]));
    }

    [Fact]
    public async Task An_answer_without_the_reply_address_is_matched_by_the_receipt_it_answers()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        await PublishAsync(Submitted(inquiry, customer, "References 매칭"));
        var receipt = Assert.Single(await WaitForEmailsAsync(customer, 1));

        var answer = Mail(customer, SupportAddress, "회신 주소를 지우고 답장합니다.");
        answer.InReplyTo = receipt.MessageId.Trim('<', '>');
        await AppendAsync(answer);

        var (_, email) = await ReceivedAsync(inquiry, 1);
        Assert.Equal((true, (string?)null), (email.AnswersOurEmail, email.ReplyToken));
    }

    [Fact]
    public async Task A_replayed_Message_ID_is_handed_over_with_the_same_key_so_Inquiry_stores_it_once()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        Inquiries.Add(inquiry, customer, "중복 메일");
        var replyAddress = ReplyAddresses.For(SupportAddress, InquiryApiDouble.ReplyTokenOf(inquiry));
        var message = Mail(customer, replyAddress, "한 번만");

        await AppendAsync(message);
        await ReceivedAsync(inquiry, 1);
        await AppendAsync(message);

        await ReceivedAsync(inquiry, 2);
        var keys = Inquiries.ReceivedEmails.Where(e => e.InquiryId == inquiry).Select(e => e.Email.MessageKey).ToList();
        Assert.Single(keys.Distinct());
        Assert.DoesNotContain(message.MessageId!, keys[0], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Auto_replies_and_mail_matching_no_inquiry_reach_none_and_leave_the_mailbox()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        Inquiries.Add(inquiry, customer, "부재중 회신");
        var replyAddress = ReplyAddresses.For(SupportAddress, InquiryApiDouble.ReplyTokenOf(inquiry));
        var outOfOffice = Mail(customer, replyAddress, "12월 14일까지 휴가 중입니다.");
        outOfOffice.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        var marker = Mail(customer, replyAddress, "이 메일은 처리됩니다.");

        await AppendAsync(outOfOffice);
        await AppendAsync(Mail(CustomerAddress(), SupportAddress, "어느 문의와도 관계없는 메일"));
        await AppendAsync(marker);

        var (_, handled) = await ReceivedAsync(inquiry, 1);
        Assert.Equal("이 메일은 처리됩니다.", handled.Text);
        Assert.Single(Inquiries.ReceivedEmails, e => e.InquiryId == inquiry);
        await Eventually.TrueAsync(async () => await CountAsync("INBOX") == 0, "all three deleted");
    }

    [Fact]
    public async Task Mail_matching_no_inquiry_gets_one_automatic_answer_a_day_pointing_to_the_form()
    {
        var stranger = CustomerAddress();
        var first = Mail(stranger, SupportAddress, "견적 문의드립니다.");
        var second = Mail(stranger, SupportAddress, "다시 보냅니다.");

        await AppendAsync(first);
        await AppendAsync(second);

        var answer = Assert.Single(await WaitForEmailsAsync(stranger, 1));
        Assert.Equal("[고객케어 라운지] 문의는 1:1 문의에서 남겨 주세요", answer.Subject);
        Assert.Contains($"{Lounge}/inquiries/new", answer.Text);
        Assert.Equal(("auto-replied", first.MessageId), (answer.Headers["Auto-Submitted"], answer.Headers["In-Reply-To"].Trim('<', '>')));
        await Eventually.TrueAsync(async () => await CountAsync("INBOX") == 0, "both handled");
        Assert.Single(await EmailsToAsync(stranger));
        Assert.Empty(await PersonalDataScan.FindInDatabaseAsync(Database.DataSource, [stranger, "견적 문의드립니다", "다시 보냅니다", first.MessageId!]));
    }

    [Fact]
    public async Task An_answer_to_an_inquiry_closed_too_long_gets_a_pointer_to_a_new_inquiry()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        Inquiries.Add(inquiry, customer, "오래전 종료된 문의");
        Inquiries.CloseLongAgo(inquiry);

        await AppendAsync(Mail(customer, ReplyAddresses.For(SupportAddress, InquiryApiDouble.ReplyTokenOf(inquiry)), "I have another question."));

        var answer = Assert.Single(await WaitForEmailsAsync(customer, 1));
        Assert.Equal("[Customer Care Lounge] A closed inquiry cannot be answered by email", answer.Subject);
        Assert.Contains($"{Lounge}/inquiries/new", answer.Text);
    }

    [Fact]
    public async Task A_delivery_status_notification_marks_the_receipt_bounced()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        await PublishAsync(Submitted(inquiry, customer, "반송 확인"));
        var receipt = Assert.Single(await WaitForEmailsAsync(customer, 1));
        await WaitForDeliveriesAsync(inquiry, d => d.All(x => x.Status == "sent"), "sent");

        var bounce = MimeMessage.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Mail", "dsn-bounce.eml"));
        var returned = ((MultipartReport)bounce.Body!).OfType<MessagePart>().Single();
        returned.Message!.MessageId = receipt.MessageId.Trim('<', '>');
        bounce.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        await AppendAsync(bounce);

        var deliveries = await WaitForDeliveriesAsync(inquiry, d => d.Any(x => x.Status == "bounced"), "the receipt bounced");
        Assert.Equal("receipt", Assert.Single(deliveries, d => d.Status == "bounced").Kind);
    }

    [Fact]
    public async Task A_message_over_the_size_cap_is_set_aside_and_reading_goes_on()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        Inquiries.Add(inquiry, customer, "큰 메일");
        var replyAddress = ReplyAddresses.For(SupportAddress, InquiryApiDouble.ReplyTokenOf(inquiry));

        var setAside = await CountAsync("Unprocessed");
        await AppendAsync(Mail(customer, replyAddress, new string('가', SizeCap)));
        await AppendAsync(Mail(customer, replyAddress, "작은 메일"));

        var (_, email) = await ReceivedAsync(inquiry, 1);
        Assert.Equal("작은 메일", email.Text);
        await Eventually.TrueAsync(async () => await CountAsync("Unprocessed") == setAside + 1, "the big one in Unprocessed");
        Assert.Single(Inquiries.ReceivedEmails, e => e.InquiryId == inquiry);
    }

    [Fact]
    public async Task A_sender_over_its_hourly_limit_is_set_aside_and_other_senders_go_on()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        Inquiries.Add(inquiry, customer, "메일 루프");
        var replyAddress = ReplyAddresses.For(SupportAddress, InquiryApiDouble.ReplyTokenOf(inquiry));
        var other = Guid.NewGuid();
        var otherCustomer = CustomerAddress();
        Inquiries.Add(other, otherCustomer, "다른 고객");

        var setAside = await CountAsync("Unprocessed");
        for (var i = 1; i <= PerSender + 1; i++)
        {
            await AppendAsync(Mail(customer, replyAddress, $"자동 전달 {i}"));
        }

        await AppendAsync(Mail(otherCustomer, ReplyAddresses.For(SupportAddress, InquiryApiDouble.ReplyTokenOf(other)), "정상 회신"));

        Assert.Equal("정상 회신", (await ReceivedAsync(other, 1)).Email.Text);
        await Eventually.TrueAsync(async () => await CountAsync("Unprocessed") == setAside + 1, "the sender's fourth message in Unprocessed");
        Assert.Equal(
            [.. Enumerable.Range(1, PerSender).Select(i => $"자동 전달 {i}")],
            Inquiries.ReceivedEmails.Where(e => e.InquiryId == inquiry).Select(e => e.Email.Text).ToList());
    }

    [Fact]
    public async Task Malformed_mime_is_handled_or_set_aside_and_reading_goes_on()
    {
        // Each message to an inquiry of its own, from its sender: what becomes of each is counted.
        var shapes = new Dictionary<string, Func<string, string>>
        {
            ["10,000 parts"] = boundary => $"Content-Type: multipart/mixed; boundary={boundary}\r\n\r\n"
                + string.Concat(Enumerable.Repeat($"--{boundary}\r\n\r\nx\r\n", 10_000)) + $"--{boundary}--\r\n",
            ["nested 2,500 deep, never closed"] = boundary => string.Concat(Enumerable.Range(0, 2_500).Select(i =>
                $"Content-Type: multipart/mixed; boundary={boundary}{i}\r\n\r\n--{boundary}{i}\r\n")),
            ["bad base64 in an unknown charset"] = _ =>
                "Content-Type: text/plain; charset=x-no-such-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!이건 base64가 아님***\r\n",
            ["cut mid-part"] = boundary => $"Content-Type: multipart/alternative; boundary={boundary}\r\n\r\n--{boundary}\r\n"
                + "Content-Type: text/html; charset=euc-kr\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=B0=A1=",
            ["8-bit garbage in the headers"] = _ => "Content-Type: text/plain; charset=\"\u00ff\u00fe\"\r\nX-Garbage: \u00ff\u0080\u00c3\r\n\r\n본문\r\n",
        };
        var fuzzed = new List<Guid>();
        var setAside = await CountAsync("Unprocessed");
        foreach (var (name, body) in shapes)
        {
            var inquiry = Guid.NewGuid();
            var customer = CustomerAddress();
            Inquiries.Add(inquiry, customer, name);
            fuzzed.Add(inquiry);
            var raw = $"From: {customer}\r\nTo: {ReplyAddresses.For(SupportAddress, InquiryApiDouble.ReplyTokenOf(inquiry))}\r\n"
                + $"Subject: RE: {name}\r\nMessage-ID: <{Guid.NewGuid():N}@customer.test>\r\nMIME-Version: 1.0\r\n" + body("b" + Guid.NewGuid().ToString("N")[..8]);
            await AppendAsync(MimeMessage.Load(new MemoryStream(System.Text.Encoding.Latin1.GetBytes(raw))));
        }

        var good = Guid.NewGuid();
        var goodCustomer = CustomerAddress();
        Inquiries.Add(good, goodCustomer, "정상 메일");
        await AppendAsync(Mail(goodCustomer, ReplyAddresses.For(SupportAddress, InquiryApiDouble.ReplyTokenOf(good)), "정상 회신입니다."));

        // Read in UID order: the good one, appended last, arriving means every fuzzed one was dealt with.
        Assert.Equal("정상 회신입니다.", (await ReceivedAsync(good, 1)).Email.Text);
        await Eventually.TrueAsync(async () => await CountAsync("INBOX") == 0, "the mailbox emptied");
        var handedOver = Inquiries.ReceivedEmails.Count(e => fuzzed.Contains(e.InquiryId));
        Assert.Equal(shapes.Count, handedOver + await CountAsync("Unprocessed") - setAside);
    }

    private static MimeMessage Mail(string from, string to, string text) => new(
        [MailboxAddress.Parse(from)], [MailboxAddress.Parse(to)], "RE: [고객케어 라운지] 문의", new TextPart("plain") { Text = text })
    {
        MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.test"),
    };

    private async Task<(Guid InquiryId, InboundEmail Email)> ReceivedAsync(Guid inquiry, int count)
    {
        var received = await Eventually.ReturnsAsync(
            () => Task.FromResult(Inquiries.ReceivedEmails.Where(e => e.InquiryId == inquiry).ToList()),
            list => list.Count >= count,
            $"{count} email(s) handed to inquiry {inquiry}",
            TimeSpan.FromSeconds(30));
        return received[count - 1];
    }

    private async Task AppendAsync(MimeMessage message)
    {
        using var client = await ConnectAsync();
        await client.Inbox.AppendAsync(new AppendRequest(message));
        await client.DisconnectAsync(true);
    }

    private async Task<int> CountAsync(string folderName)
    {
        using var client = await ConnectAsync();
        try
        {
            var folder = await client.GetFolderAsync(folderName);
            await folder.StatusAsync(StatusItems.Count);
            return folder.Count;
        }
        catch (FolderNotFoundException)
        {
            return 0;
        }
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync(mailbox.Host, mailbox.Port, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync(DovecotMailbox.User, DovecotMailbox.Password);
        return client;
    }
}
