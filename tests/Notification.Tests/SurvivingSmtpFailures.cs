using MassTransit;
using SupportPlatform.Inquiry.Contracts;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Emails.Receipting;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

public sealed class SurvivingSmtpFailures(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    [Fact]
    public async Task An_email_sent_while_the_SMTP_server_is_down_is_delivered_once_it_is_back()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        await Smtp.StopAsync();
        try
        {
            await PublishAsync(Submitted(inquiry, customer, "서버 점검 중 접수"));
            await WaitForDeliveriesAsync(inquiry, d => d.Count == 2 && d.All(x => x is { Status: "pending", Attempts: >= 1, LastError: not null }), "first attempts failed");

            // Still down when the backoff comes due: the re-sender tries again and keeps it pending.
            Service.Time.Advance(TimeSpan.FromSeconds(5));
            await WaitForDeliveriesAsync(inquiry, d => d.All(x => x is { Status: "pending", Attempts: >= 2 }), "second attempts failed");
        }
        finally
        {
            await Smtp.StartAsync();
        }

        Service.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(await WaitForEmailsAsync(customer, 1));
        await WaitForDeliveriesAsync(inquiry, d => d.All(x => x.Status == "sent"), "both sent");

        // Later ticks of the re-sender find nothing more to send. The re-sender only runs when the
        // clock moves, and the clock stays put, so the emails counted below are final.
        Assert.Empty(await DueForResendAsync(inquiry, Service.Time.GetUtcNow() + TimeSpan.FromMinutes(10)));
        Assert.Single(await EmailsToAsync(customer));
        Assert.Single(await EmailsToAsync(SupportTeam), e => e.Text!.Contains(inquiry.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_permanent_rejection_is_recorded_as_failed_and_not_retried()
    {
        var inquiry = Guid.NewGuid();
        var rejected = $"reject-{Guid.NewGuid():N}@customer.test";
        var messageId = await PublishAsync(Submitted(inquiry, rejected, "수신 거부 주소"));

        var deliveries = await WaitForDeliveriesAsync(inquiry, d => d.Count == 2 && d.All(x => x.Status != "pending"), "both settled");
        var receipt = Assert.Single(deliveries, d => d.Kind == "receipt");
        Assert.Equal("failed", receipt.Status);
        Assert.Contains("Mailbox unavailable", receipt.LastError, StringComparison.Ordinal);
        Assert.Equal("sent", Assert.Single(deliveries, d => d.Kind == "staff-alert").Status);
        await ConsumedAsync(messageId);

        Assert.Empty(await DueForResendAsync(inquiry, Service.Time.GetUtcNow() + TimeSpan.FromHours(1)));
        Assert.Equal(1, Assert.Single(await DeliveriesAsync(inquiry), d => d.Kind == "receipt").Attempts);
        Assert.Equal(0, FaultsOf(messageId));
        var errorQueue = new KebabCaseEndpointNameFormatter("notification", false).Consumer<InquirySubmittedConsumer>() + "_error";
        Assert.True(await Vhost.QueueDepthAsync(errorQueue) is null or 0, "a rejected recipient is not a poison message");
    }

    [Fact]
    public async Task A_delivery_left_claimed_by_a_crashed_consumer_is_sent_after_its_claim_expires()
    {
        // What a consumer leaves behind if it dies after committing the pending delivery and before sending.
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        var store = Service.Services.GetRequiredService<DeliveryStore>();
        var now = Service.Time.GetUtcNow();
        var submitted = Submitted(inquiry, customer, "접수 확인");
        await store.AcceptAsync(
            Guid.NewGuid(), "CrashedConsumer", inquiry, EmailComposer<InquirySubmitted>.MessageType, EmailComposer<InquirySubmitted>.Serialize(submitted),
            [DeliveryKind.Receipt], now, Service.Services.GetRequiredService<DeliveryDispatcher>().LeaseUntil(now), CancellationToken.None);

        // While the claim holds, a re-sender pass leaves it alone (and none runs until the clock moves).
        Assert.Empty(await DueForResendAsync(inquiry, Service.Time.GetUtcNow()));
        Assert.Empty(await EmailsToAsync(customer));

        Service.Time.Advance(TimeSpan.FromMinutes(3));
        var email = Assert.Single(await WaitForEmailsAsync(customer, 1));
        Assert.Contains("접수 확인", email.Subject, StringComparison.Ordinal);
        Assert.Equal("sent", Assert.Single(await WaitForDeliveriesAsync(inquiry, d => d.All(x => x.Status == "sent"), "sent")).Status);
    }

    /// <summary>
    /// What a pass of the re-sender at that time would pick up for the inquiry, through the store's
    /// own query (it claims what it finds, so a wrong answer here also shows as a claimed delivery).
    /// </summary>
    private async Task<IReadOnlyList<ClaimedDelivery>> DueForResendAsync(Guid inquiry, DateTimeOffset at)
    {
        var claimed = await Service.Services.GetRequiredService<DeliveryStore>()
            .ClaimDueAsync(50, at, Service.Services.GetRequiredService<DeliveryDispatcher>().LeaseUntil(at), CancellationToken.None);
        return [.. claimed.Where(d => d.InquiryId == inquiry)];
    }
}
