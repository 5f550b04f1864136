using MassTransit;
using SupportPlatform.ServiceDefaults.Consuming;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Notification.Deliveries.Sending;

/// <summary>
/// The one flow every email-producing consumer shares:
/// <list type="number">
/// <item>validate the message — an invalid one throws <see cref="InvalidMessageException"/> and goes
/// to the <c>_error</c> queue at once (no retry can fix it), without touching the database;</item>
/// <item>render the emails, and commit the inbox row and a pending delivery per email in one
/// transaction (claimed by this consumer);</item>
/// <item>send them, then record sent, failed or deferred.</item>
/// </list>
/// A redelivered message finds its inbox row and only resumes deliveries still pending and
/// unclaimed; sent ones are never sent again.
/// </summary>
public abstract class DeliveryConsumer<TMessage>(DeliveryStore store, DeliveryDispatcher dispatcher, TimeProvider time) : IConsumer<TMessage>
    where TMessage : class
{
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var message = context.Message;
        var problems = Validate(message).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidMessageException($"{typeof(TMessage).Name} is invalid: {string.Join("; ", problems)}");
        }

        var messageId = context.MessageId ?? throw new InvalidMessageException($"{typeof(TMessage).Name} arrived without a message id.");
        var now = time.GetUtcNow();
        var accepted = await store.AcceptAsync(
            messageId, ConsumerName, InquiryIdOf(message), [.. Compose(message).Select(Storable)], now, dispatcher.LeaseUntil(now), context.CancellationToken);
        var toSend = accepted.Count > 0
            ? accepted
            : await store.ClaimPendingOfMessageAsync(messageId, ConsumerName, now, dispatcher.LeaseUntil(now), context.CancellationToken);
        await dispatcher.SendAsync(toSend, context.CancellationToken);
    }

    protected abstract Guid InquiryIdOf(TMessage message);

    /// <summary>What makes the message unusable; each entry names the field.</summary>
    protected abstract IEnumerable<string> Validate(TMessage message);

    protected abstract IReadOnlyList<NewDelivery> Compose(TMessage message);

    /// <summary>
    /// The email as PostgreSQL can store it (<see cref="StorableText"/>), so the stored copy and the
    /// one sent now are the same. The API edge refuses NUL, but an event stored before that rule
    /// must not park the message in the error queue and lose the email.
    /// </summary>
    private static NewDelivery Storable(NewDelivery delivery) => delivery with
    {
        Recipient = StorableText.Strip(delivery.Recipient)!,
        Email = new RenderedEmail(
            StorableText.Strip(delivery.Email.Subject)!, StorableText.Strip(delivery.Email.HtmlBody)!, StorableText.Strip(delivery.Email.TextBody)!),
    };

    protected static bool IsEmailAddress(string? value) =>
        !string.IsNullOrWhiteSpace(value) && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value.Trim();
}
