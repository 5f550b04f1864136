using MassTransit;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Emails.Receipting;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

public sealed class SendingReceipts(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    [Fact]
    public async Task A_submitted_inquiry_gets_a_Korean_receipt_with_its_private_link()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        const string summary = "랜섬웨어 관련 <긴급> & 스팸 차단 문의";
        var submitted = Submitted(inquiry, customer, summary);

        await PublishAsync(submitted);

        var receipt = Assert.Single(await WaitForEmailsAsync(customer, 1));
        Assert.Equal("[고객케어 라운지] 문의가 접수되었습니다: 랜섬웨어 관련 <긴급> & 스팸 차단 문의", receipt.Subject);
        Assert.Equal(Sender, ReceivedEmail.DecodeWords(receipt.Headers["From"]).Replace("\"", string.Empty, StringComparison.Ordinal));
        var link = $"{Lounge}/inquiries/{inquiry}?token={TokenOf(inquiry)}";
        Assert.Contains(link, receipt.Text);
        Assert.Contains($"href=\"{link}\"", receipt.Html);
        Assert.Contains("랜섬웨어 관련 &lt;긴급&gt; &amp; 스팸 차단 문의", receipt.Html);
        Assert.Contains("2026-01-05 18:30 KST", receipt.Text);

        var deliveries = await WaitForDeliveriesAsync(inquiry, d => d.Count == 2 && d.All(x => x.Status == "sent"), "both deliveries sent");
        var stored = Assert.Single(deliveries, d => d.Kind == "receipt");
        Assert.Equal($"<{stored.Id:N}@vendor.test>", receipt.MessageId);
        Assert.Equal(1, stored.Attempts);
    }

    [Fact]
    public async Task The_support_team_is_alerted_about_a_new_inquiry()
    {
        var inquiry = Guid.NewGuid();
        await PublishAsync(Submitted(inquiry, CustomerAddress(), "TMSe 대량 메일 발송 설정"));

        var alert = Assert.Single(await WaitForEmailsAsync(SupportTeam, 1, e => e.Text!.Contains(inquiry.ToString(), StringComparison.Ordinal)));
        // Ids only: the team's mailbox is out of erasure's reach (issue 20).
        Assert.Equal($"[신규 문의] {inquiry}", alert.Subject);
        Assert.DoesNotContain("?token=", alert.Text, StringComparison.Ordinal);
        Assert.Contains($"/inquiries/{inquiry}", alert.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("TMSe 대량 메일 발송 설정", alert.Text + alert.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("한빛소프트", alert.Text + alert.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_English_inquiry_gets_the_English_receipt()
    {
        var customer = CustomerAddress();
        await PublishAsync(Submitted(Guid.NewGuid(), customer, "SPF check blocks our newsletter", language: "en"));

        var receipt = Assert.Single(await WaitForEmailsAsync(customer, 1));
        Assert.Equal("[Customer Care Lounge] We received your inquiry: SPF check blocks our newsletter", receipt.Subject);
        Assert.Contains("We received your inquiry", receipt.Text);
    }

    [Fact]
    public async Task The_same_message_delivered_again_sends_no_second_email()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        var submitted = Submitted(inquiry, customer, "중복 전달 확인");
        var messageId = Guid.NewGuid();

        // Twice at once (two consumers race), then once more after it was sent.
        await Task.WhenAll(PublishAsync(submitted, messageId), PublishAsync(submitted, messageId));
        await ConsumedAsync(messageId, 2);
        await WaitForEmailsAsync(customer, 1);
        await PublishAsync(submitted, messageId);
        await ConsumedAsync(messageId, 3);

        Assert.Single(await EmailsToAsync(customer));
        var deliveries = await DeliveriesAsync(inquiry);
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(("sent", 1), (d.Status, d.Attempts)));
        Assert.Equal(1, await Database.ScalarAsync<long>("SELECT count(*) FROM notification.inbox WHERE message_id = @id", ("id", messageId)));
    }

    [Fact]
    public async Task A_poison_message_goes_to_the_error_queue_and_the_next_one_is_still_delivered()
    {
        var customer = CustomerAddress();
        var errorQueue = new KebabCaseEndpointNameFormatter("notification", false).Consumer<InquirySubmittedConsumer>() + "_error";

        await PublishAsync(new InquirySubmitted { InquiryId = Guid.Empty, Language = "ko", SubmittedAt = DateTimeOffset.UnixEpoch });
        await PublishAsync(Submitted(Guid.NewGuid(), customer, "정상 메시지"));

        Assert.Single(await WaitForEmailsAsync(customer, 1));
        await Eventually.TrueAsync(async () => await Vhost.QueueDepthAsync(errorQueue) == 1, $"the poison message in {errorQueue}", TimeSpan.FromSeconds(60));
        Assert.Empty(await DeliveriesAsync(Guid.Empty));
    }

    [Fact]
    public async Task An_inquiry_purged_before_its_receipt_was_composed_gets_no_email()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        var submitted = Submitted(inquiry, customer, "곧 삭제될 문의");
        Inquiries.Remove(inquiry);

        var messageId = await PublishAsync(submitted);

        var deliveries = await WaitForDeliveriesAsync(inquiry, d => d.Count == 2 && d.All(x => x.Status == "cancelled"), "both cancelled");
        Assert.All(deliveries, d => Assert.Null(d.RecipientHash));
        Assert.Equal(0, FaultsOf(messageId));
        Assert.Empty(await EmailsToAsync(customer));
    }

    [Fact]
    public async Task A_receipt_waits_while_Inquiry_is_unavailable_and_is_sent_once_it_answers()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        Inquiries.Unavailable = true;
        try
        {
            var messageId = await PublishAsync(Submitted(inquiry, customer, "점검 중 접수"));
            await WaitForDeliveriesAsync(inquiry, d => d.Count == 2 && d.All(x => x is { Status: "pending", Attempts: >= 1, LastError: not null }), "first attempts deferred");
            Assert.Equal(0, FaultsOf(messageId));
        }
        finally
        {
            Inquiries.Unavailable = false;
        }

        Service.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(await WaitForEmailsAsync(customer, 1));
        await WaitForDeliveriesAsync(inquiry, d => d.All(x => x.Status == "sent"), "both sent");
    }
}
