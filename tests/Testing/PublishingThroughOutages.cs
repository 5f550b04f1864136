using MassTransit;

namespace SupportPlatform.Testing;

public static class PublishingThroughOutages
{
    /// <summary>
    /// Publishes with the given message id, trying again while the bus is still reconnecting after
    /// the broker dropped it (a try that threw may still have gone out: consumers' inboxes drop the copy).
    /// </summary>
    public static Task PublishUntilAcceptedAsync<T>(this IBus bus, T message, Guid messageId, TimeSpan? timeout = null) where T : class =>
        Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await bus.Publish(message, context => context.MessageId = messageId, attempt.Token);
                    return true;
                }
                catch (Exception e) when (e is not TimeoutException)
                {
                    return false;
                }
            },
            $"the bus to accept {typeof(T).Name} {messageId} again",
            timeout ?? TimeSpan.FromSeconds(90));
}
