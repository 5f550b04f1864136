using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>
/// Issue 21: the customer's emails answer to the inquiry's own reply address and thread in every
/// mail client (Message-ID per delivery, In-Reply-To the previous one, References all of them).
/// </summary>
public sealed class ThreadingTheConversation(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    private const string Mailbox = "support@vendor.test";

    protected override void Configure(Dictionary<string, string?> settings) => settings["Mailbox:Address"] = Mailbox;

    [Fact]
    public async Task The_receipt_and_every_reply_answer_to_the_inquirys_reply_address_and_chain_as_one_thread()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        await PublishAsync(Submitted(inquiry, customer, "스팸 차단 예외 등록"));
        var receipt = Assert.Single(await WaitForEmailsAsync(customer, 1));

        var first = Inquiries.AddReply(inquiry, "김상담", "첫 번째 답변입니다.");
        await PublishAsync(new InquiryAnswered { InquiryId = inquiry, ReplyId = first.ReplyId, AnsweredAt = first.RepliedAt });
        var firstReply = Assert.Single(await WaitForEmailsAsync(customer, 2), e => e.MessageId != receipt.MessageId);
        var second = Inquiries.AddReply(inquiry, "김상담", "두 번째 답변입니다.");
        await PublishAsync(new InquiryAnswered { InquiryId = inquiry, ReplyId = second.ReplyId, AnsweredAt = second.RepliedAt });
        var secondReply = Assert.Single(await WaitForEmailsAsync(customer, 3), e => e.MessageId != receipt.MessageId && e.MessageId != firstReply.MessageId);

        var replyAddress = $"support+{InquiryApiDouble.ReplyTokenOf(inquiry)}@vendor.test";
        Assert.All([receipt, firstReply, secondReply], e => Assert.Equal(replyAddress, e.Headers["Reply-To"]));
        Assert.False(receipt.Headers.ContainsKey("In-Reply-To"));
        Assert.Equal(receipt.MessageId, firstReply.Headers["In-Reply-To"]);
        Assert.Equal(receipt.MessageId, firstReply.Headers["References"]);
        Assert.Equal(firstReply.MessageId, secondReply.Headers["In-Reply-To"]);
        Assert.Equal($"{receipt.MessageId} {firstReply.MessageId}", secondReply.Headers["References"]);
    }

    [Fact]
    public async Task Staff_alerts_carry_no_reply_address_and_stand_alone()
    {
        var inquiry = Guid.NewGuid();
        await PublishAsync(Submitted(inquiry, CustomerAddress(), "알림 메일 스레드 확인"));

        var alert = Assert.Single(await WaitForEmailsAsync(SupportTeam, 1, e => e.Text!.Contains(inquiry.ToString(), StringComparison.Ordinal)));
        Assert.False(alert.Headers.ContainsKey("Reply-To"));
        Assert.False(alert.Headers.ContainsKey("In-Reply-To"));
    }

    [Fact]
    public async Task The_auto_close_reminder_is_answerable_and_continues_the_thread()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        await PublishAsync(Submitted(inquiry, customer, "자동 종료 안내 스레드"));
        var receipt = Assert.Single(await WaitForEmailsAsync(customer, 1));

        await PublishAsync(new CustomerReminded { InquiryId = inquiry, RemindedAt = DateTimeOffset.UtcNow, ClosesAt = DateTimeOffset.UtcNow.AddDays(5) });
        var reminder = Assert.Single(await WaitForEmailsAsync(customer, 2), e => e.MessageId != receipt.MessageId);

        Assert.Equal($"support+{InquiryApiDouble.ReplyTokenOf(inquiry)}@vendor.test", reminder.Headers["Reply-To"]);
        Assert.Equal(receipt.MessageId, reminder.Headers["In-Reply-To"]);
    }
}
