using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

public sealed class PurgingDeliveries(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    [Fact]
    public async Task A_purge_deletes_every_delivery_of_the_inquiry_and_a_late_event_does_not_bring_them_back()
    {
        var inquiry = Guid.NewGuid();
        var other = Guid.NewGuid();
        var customer = CustomerAddress();
        await PublishAsync(Submitted(inquiry, customer, "삭제될 문의"));
        await PublishAsync(Submitted(other, CustomerAddress(), "남는 문의"));
        await WaitForDeliveriesAsync(inquiry, d => d.Count == 2 && d.All(x => x.Status == "sent"), "sent");
        await WaitForDeliveriesAsync(other, d => d.Count == 2, "the other inquiry's deliveries");

        await PublishAsync(new InquiryPurged { InquiryId = inquiry, Reason = "erasure-request", PurgedAt = Service.Time.GetUtcNow() });
        await WaitForDeliveriesAsync(inquiry, d => d.Count == 0, "no deliveries left");
        Assert.Empty(await Database.FindStringsAsync(inquiry.ToString(), customer));
        Assert.Equal(2, (await DeliveriesAsync(other)).Count);

        // An event about the purged inquiry arriving late (a replay under a new message id).
        var late = await PublishAsync(Submitted(inquiry, customer, "삭제될 문의"));
        await ConsumedAsync(late);
        Assert.Empty(await DeliveriesAsync(inquiry));
        Assert.Single(await EmailsToAsync(customer));
    }
}
