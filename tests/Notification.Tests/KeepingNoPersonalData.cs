using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>
/// The delivery log keeps kind, status, attempts, times and a keyed hash of the recipient — no
/// address, content or link, neither while the email is pending nor after it was sent.
/// </summary>
public sealed class KeepingNoPersonalData(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    [Fact]
    public async Task A_sent_receipt_leaves_no_address_summary_company_or_link_in_any_table()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        var submitted = Submitted(inquiry, customer, "흔적 검사용 요약 ZX81", companyName: "흔적검사 주식회사");

        await PublishAsync(submitted);
        await WaitForEmailsAsync(customer, 1);
        var deliveries = await WaitForDeliveriesAsync(inquiry, d => d.Count == 2 && d.All(x => x.Status == "sent"), "both deliveries sent");

        Assert.Empty(await Database.FindStringsAsync(customer, "흔적 검사용 요약", "흔적검사 주식회사", TokenOf(inquiry)));
        var hash = Service.Services.GetRequiredService<RecipientHash>();
        Assert.Equal(hash.Of(customer), Assert.Single(deliveries, d => d.Kind == "receipt").RecipientHash);
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(customer))), hash.Of(customer));
    }

    [Fact]
    public async Task A_pending_email_holds_no_address_or_content_while_the_mail_server_is_down()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        await Smtp.StopAsync();
        try
        {
            await PublishAsync(Submitted(inquiry, customer, "대기 중 흔적 검사 QX42", companyName: "대기검사 주식회사"));
            await WaitForDeliveriesAsync(inquiry, d => d.Count == 2 && d.All(x => x is { Status: "pending", Attempts: >= 1 }), "first attempts failed");

            Assert.Empty(await Database.FindStringsAsync(customer, "대기 중 흔적 검사", "대기검사 주식회사", TokenOf(inquiry)));
        }
        finally
        {
            await Smtp.StartAsync();
        }

        Service.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(await WaitForEmailsAsync(customer, 1));
    }
}
