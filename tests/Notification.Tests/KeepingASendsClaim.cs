using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>
/// Issue 26's leader-kill: under overload a send outlasted its claim (Inquiry slow to answer the
/// composer), and the other replica's re-sender took the claim and sent the email a second time. A
/// running send now extends its claim.
/// </summary>
public sealed class KeepingASendsClaim(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    [Fact]
    public async Task A_send_that_outlasts_its_lease_keeps_its_claim_and_another_replica_does_not_send_it_again()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        var submitted = Submitted(inquiry, customer, "느린 조회 중 접수");
        var slowInquiry = Inquiries.Hold(inquiry);
        await PublishAsync(submitted);
        await slowInquiry.Arrived.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitForDeliveriesAsync(inquiry, d => d.Count == 2, "both deliveries claimed");

        // Twice the lease passes while the composer waits for Inquiry, a third of it at a time; at
        // each third both claims are extended to a whole lease from then.
        var lease = Service.Services.GetRequiredService<IOptions<NotificationOptions>>().Value.SendLease;
        for (var third = 1; third <= 6; third++)
        {
            Service.Time.Advance(lease / 3);
            var extendedBeyond = Service.Time.GetUtcNow() + lease * 2 / 3;
            await Eventually.TrueAsync(
                async () => await ClaimedBeyondAsync(inquiry, extendedBeyond) == 2,
                $"both claims extended {third}/3 of a lease after they were taken",
                TimeSpan.FromSeconds(10));
        }

        // What the other replica's re-sender finds now: nothing of this inquiry.
        var atOtherReplica = Service.Time.GetUtcNow();
        var taken = await Service.Services.GetRequiredService<DeliveryStore>()
            .ClaimDueAsync(50, atOtherReplica, atOtherReplica + lease, CancellationToken.None);
        Assert.DoesNotContain(taken, d => d.InquiryId == inquiry);

        slowInquiry.Open();
        await WaitForDeliveriesAsync(inquiry, d => d.All(x => x.Status == "sent"), "both sent");
        Assert.Single(await EmailsToAsync(customer));
        Assert.Single(await EmailsToAsync(SupportTeam), e => e.Text!.Contains(inquiry.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claim_that_ran_out_and_went_to_another_replica_is_not_sent_by_its_first_holder()
    {
        // A re-sender's batch whose last delivery waited its turn past the lease, while the other
        // replica took it: the first holder leaves it to the other.
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        var store = Service.Services.GetRequiredService<DeliveryStore>();
        var dispatcher = Service.Services.GetRequiredService<DeliveryDispatcher>();
        var submitted = Submitted(inquiry, customer, "차례를 기다린 발송");
        var now = Service.Time.GetUtcNow();
        var firstClaim = Assert.Single(await store.AcceptAsync(
            Guid.NewGuid(), "WaitingBatch", inquiry, EmailComposer<InquirySubmitted>.MessageType,
            EmailComposer<InquirySubmitted>.Serialize(submitted), [DeliveryKind.Receipt], now, dispatcher.LeaseUntil(now), CancellationToken.None));

        var later = now + TimeSpan.FromMinutes(3);
        var secondClaim = Assert.Single(await store.ClaimDueAsync(50, later, dispatcher.LeaseUntil(later), CancellationToken.None), d => d.InquiryId == inquiry);
        Service.Time.SetUtcNow(later);
        await dispatcher.SendAsync(firstClaim, CancellationToken.None);

        Assert.Empty(await EmailsToAsync(customer));
        await dispatcher.SendAsync(secondClaim, CancellationToken.None);
        Assert.Single(await WaitForEmailsAsync(customer, 1));
        Assert.Equal("sent", Assert.Single(await DeliveriesAsync(inquiry)).Status);
    }
    [Fact]
    public async Task A_claim_taken_from_a_holder_that_records_its_send_late_is_not_sent_again()
    {
        // The fault suite's postgres-restart with PostgreSQL away longer than the lease: the holder
        // sent, could not record it, and its claim ran out; the re-sender took the claim the moment
        // the database was back, while the holder's next try to record it was under a second away.
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        var store = Service.Services.GetRequiredService<DeliveryStore>();
        var dispatcher = Service.Services.GetRequiredService<DeliveryDispatcher>();
        var submitted = Submitted(inquiry, customer, "기록이 늦은 발송");
        var now = Service.Time.GetUtcNow();
        var holders = Assert.Single(await store.AcceptAsync(
            Guid.NewGuid(), "SentWhileTheDatabaseWasAway", inquiry, EmailComposer<InquirySubmitted>.MessageType,
            EmailComposer<InquirySubmitted>.Serialize(submitted), [DeliveryKind.Receipt], now, dispatcher.LeaseUntil(now), CancellationToken.None));
        Assert.False(holders.TakenOver);

        var later = now + TimeSpan.FromMinutes(3);
        var resenders = Assert.Single(await store.ClaimDueAsync(50, later, dispatcher.LeaseUntil(later), CancellationToken.None), d => d.InquiryId == inquiry);
        Assert.True(resenders.TakenOver);
        Service.Time.SetUtcNow(later);

        var resending = dispatcher.SendAsync(resenders, CancellationToken.None);
        await store.MarkSentAsync(holders.Id, "recorded-by-its-holder", later, CancellationToken.None);
        await resending;

        Assert.Empty(await EmailsToAsync(customer));
        Assert.Equal("sent", Assert.Single(await DeliveriesAsync(inquiry)).Status);
    }

    private async Task<long> ClaimedBeyondAsync(Guid inquiry, DateTimeOffset now)
    {
        await using var command = Database.DataSource.CreateCommand(
            "SELECT count(*) FROM notification.deliveries WHERE inquiry_id = @id AND status = 'pending' AND locked_until > @now");
        command.Parameters.AddWithValue("id", inquiry);
        command.Parameters.AddWithValue("now", now);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
