using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

public sealed class SendingAutoCloseReminders(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    [Fact]
    public async Task A_silent_customer_gets_one_reminder_with_the_closing_time_and_their_link()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        Inquiries.Add(inquiry, customer, "스팸 차단 해제 요청");
        var reminder = new CustomerReminded
        {
            InquiryId = inquiry,
            RemindedAt = new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero),
            ClosesAt = new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero),
        };
        var messageId = await PublishAsync(reminder);
        await PublishAsync(reminder, messageId); // a re-delivery of the same event

        var email = Assert.Single(await WaitForEmailsAsync(customer, 1));
        Assert.Equal("[고객케어 라운지] 문의가 곧 자동 종료됩니다: 스팸 차단 해제 요청", email.Subject);
        Assert.Contains("2026-01-15 09:00 KST", email.Text);
        Assert.Contains($"{Lounge}/inquiries/{inquiry}?token={TokenOf(inquiry)}", email.Text);
        await ConsumedAsync(messageId, times: 2);
        Assert.Single(await EmailsToAsync(customer));
        Assert.Equal("reminder", Assert.Single(await DeliveriesAsync(inquiry)).Kind);
    }
}
