using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>
/// Issue 28, the consumers' side: the broker closes every connection of the service (CONNECTION_FORCED,
/// as in a broker shutdown), and each consumer of the service takes messages again once it reconnects.
/// </summary>
public sealed class ResumingAfterTheBrokerDropsItsConnections(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    [Fact]
    public async Task Receipts_are_sent_again_after_the_broker_forced_the_service_off()
    {
        var before = CustomerAddress();
        await PublishAsync(Submitted(Guid.NewGuid(), before, "연결 끊기기 전"));
        await WaitForEmailsAsync(before, 1);

        Assert.True(await Vhost.ForceCloseConnectionsAsync() > 0, "the service had connections to close");

        var after = CustomerAddress();
        var messageId = Guid.NewGuid();
        await Bus.PublishUntilAcceptedAsync(Submitted(Guid.NewGuid(), after, "연결 끊긴 후"), messageId);
        // The consumers reconnect on MassTransit's backing-off retry: on a loaded machine that has
        // taken more than the default 20 s, so the wait is longer; the assertion is the same.
        await ConsumedAsync(messageId, timeout: TimeSpan.FromSeconds(60));
        Assert.Single(await WaitForEmailsAsync(after, 1));
    }
}
