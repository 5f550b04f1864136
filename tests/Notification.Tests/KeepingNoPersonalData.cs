using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>Once an email is sent, the delivery log keeps kind, status, attempts, times and a hash of the recipient — no address, content or link.</summary>
public sealed class KeepingNoPersonalData(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    [Fact]
    public async Task A_sent_receipt_leaves_no_address_summary_company_or_link_in_any_table()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        var submitted = Submitted(inquiry, customer, "흔적 검사용 요약 ZX81") with { CompanyName = "흔적검사 주식회사" };

        await PublishAsync(submitted);
        await WaitForEmailsAsync(customer, 1);
        var deliveries = await WaitForDeliveriesAsync(inquiry, d => d.Count == 2 && d.All(x => x.Status == "sent"), "both deliveries sent");

        Assert.Empty(await Database.FindStringsAsync(customer, "흔적 검사용 요약", "흔적검사 주식회사", submitted.AccessToken));
        Assert.Equal(RecipientHash.Of(customer), Assert.Single(deliveries, d => d.Kind == "receipt").RecipientHash);
    }
}
