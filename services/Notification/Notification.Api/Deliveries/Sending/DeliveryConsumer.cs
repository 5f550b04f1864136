using MassTransit;
using SupportPlatform.ServiceDefaults.Consuming;

namespace SupportPlatform.Notification.Deliveries.Sending;

/// <summary>
/// The one flow every email-producing consumer shares:
/// <list type="number">
/// <item>validate the message — an invalid one throws <see cref="InvalidMessageException"/> and goes
/// to the <c>_error</c> queue at once (no retry can fix it), without touching the database;</item>
/// <item>commit the inbox row and a pending delivery per email in one transaction (claimed by this
/// consumer). A delivery keeps the ids-only message, never an address or content;</item>
/// <item>compose and send them (<see cref="DeliveryDispatcher"/>), then record sent, failed or deferred.</item>
/// </list>
/// A redelivered message finds its inbox row and only resumes deliveries still pending and
/// unclaimed; sent ones are never sent again. A composer's once key
/// (<see cref="EmailComposer{TMessage}.OnceKeyOf"/>) makes a delivery once per what it is about,
/// so another message about the same thing causes none.
/// </summary>
public abstract class DeliveryConsumer<TMessage>(DeliveryStore store, DeliveryDispatcher dispatcher, EmailComposer<TMessage> composer, TimeProvider time)
    : IConsumer<TMessage>
    where TMessage : class
{
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var message = context.Message;
        var problems = composer.Validate(message).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidMessageException($"{typeof(TMessage).Name} is invalid: {string.Join("; ", problems)}");
        }

        var messageId = context.MessageId ?? throw new InvalidMessageException($"{typeof(TMessage).Name} arrived without a message id.");
        var now = time.GetUtcNow();
        var accepted = await store.AcceptAsync(
            messageId, ConsumerName, composer.InquiryIdOf(message), EmailComposer<TMessage>.MessageType, EmailComposer<TMessage>.Serialize(message),
            composer.Kinds, now, dispatcher.LeaseUntil(now), context.CancellationToken, composer.OnceKeyOf(message));
        var toSend = accepted.Count > 0
            ? accepted
            : await store.ClaimPendingOfMessageAsync(messageId, ConsumerName, now, dispatcher.LeaseUntil(now), context.CancellationToken);
        await dispatcher.SendAsync(toSend, context.CancellationToken);
    }
}
