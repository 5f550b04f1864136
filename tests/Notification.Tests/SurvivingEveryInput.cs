using MassTransit;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Emails.Receipting;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>
/// Nothing that reached a consumer is lost for want of validation: text the database cannot store
/// is stripped, not parked; a message no retry can fix goes to its error queue at once, and error
/// queues keep messages only for a bounded time.
/// </summary>
public sealed class SurvivingEveryInput(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    private static readonly string ErrorQueue = new KebabCaseEndpointNameFormatter("notification", false).Consumer<InquirySubmittedConsumer>() + "_error";

    [Fact]
    public async Task A_nul_or_an_unpaired_surrogate_in_an_inquiry_still_gets_the_receipt_sent()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        var submitted = Submitted(inquiry, customer, "랜섬웨어\0 관련 \ud800문의", companyName: "(주)\0한빛");
        var parked = await Vhost.QueueDepthAsync(ErrorQueue) ?? 0;

        await PublishAsync(submitted);

        var receipt = Assert.Single(await WaitForEmailsAsync(customer, 1));
        Assert.Contains("랜섬웨어 관련 \uFFFD문의", receipt.Subject, StringComparison.Ordinal);
        await WaitForDeliveriesAsync(inquiry, d => d.Count == 2 && d.All(x => x.Status == "sent"), "both deliveries sent");
        Assert.Equal(parked, await Vhost.QueueDepthAsync(ErrorQueue) ?? 0);
    }

    [Fact]
    public async Task A_message_no_retry_can_fix_goes_to_the_error_queue_after_one_attempt_and_expires_there()
    {
        var messageId = await PublishAsync(new InquirySubmitted { InquiryId = Guid.Empty, Language = "ko", SubmittedAt = DateTimeOffset.UnixEpoch });

        await Eventually.TrueAsync(async () => await Vhost.QueueDepthAsync(ErrorQueue) == 1, $"the message in {ErrorQueue}", TimeSpan.FromSeconds(30));
        Assert.Equal(1, ConsumedCount(messageId));
        var arguments = (await Vhost.QueueArgumentsAsync(ErrorQueue))!;
        Assert.Equal((long)TimeSpan.FromDays(7).TotalMilliseconds, arguments["x-message-ttl"].GetInt64());
    }
}
