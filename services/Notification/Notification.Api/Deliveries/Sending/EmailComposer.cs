using System.Text.Json;
using SupportPlatform.Notification.Templates;

namespace SupportPlatform.Notification.Deliveries.Sending;

/// <summary>
/// Composes the emails of one kind of message at the moment they are sent: it reads the address and
/// the content from Inquiry's internal API (messages carry ids only), renders them, and forgets them.
/// Registered as a keyed service under <see cref="MessageType"/>, the name stored with the delivery.
/// </summary>
public interface IEmailComposer
{
    /// <summary>Null when the inquiry is gone (purged): there is nothing to send any more.</summary>
    Task<ComposedEmail?> ComposeAsync(string request, DeliveryKind kind, CancellationToken cancellationToken);
}

public abstract class EmailComposer<TMessage> : IEmailComposer
    where TMessage : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string MessageType => typeof(TMessage).Name;

    /// <summary>The emails the message causes, at most one of each kind.</summary>
    public abstract IReadOnlyList<DeliveryKind> Kinds { get; }

    /// <summary>The inquiry the deliveries are filed under (a purge of it deletes them).</summary>
    public abstract Guid InquiryIdOf(TMessage message);

    /// <summary>
    /// What the emails are about when they must go once for it whatever message brings it (ids and
    /// times only, stored with the delivery); null when once per message is enough, as the inbox guards.
    /// </summary>
    public virtual string? OnceKeyOf(TMessage message) => null;

    /// <summary>What makes the message unusable; each entry names the field.</summary>
    public abstract IEnumerable<string> Validate(TMessage message);

    public abstract Task<ComposedEmail?> ComposeAsync(TMessage message, DeliveryKind kind, CancellationToken cancellationToken);

    /// <summary>What a delivery stores of its message: the message itself, which holds only ids, times and a language.</summary>
    public static string Serialize(TMessage message) => JsonSerializer.Serialize(message, Json);

    Task<ComposedEmail?> IEmailComposer.ComposeAsync(string request, DeliveryKind kind, CancellationToken cancellationToken) =>
        ComposeAsync(JsonSerializer.Deserialize<TMessage>(request, Json)!, kind, cancellationToken);

    /// <summary>An email as sent: text PostgreSQL or a mail server would choke on (<see cref="ServiceDefaults.Http.StorableText"/>) stripped.</summary>
    protected static ComposedEmail Email(string recipient, RenderedEmail email, string? replyToken = null) => new(
        recipient.Trim(),
        new RenderedEmail(Strip(email.Subject), Strip(email.HtmlBody), Strip(email.TextBody)),
        replyToken);

    private static string Strip(string text) => ServiceDefaults.Http.StorableText.Strip(text)!;
}

public static class EmailComposerRegistration
{
    /// <summary>Registers the composer for its consumer (directly) and for the dispatcher (keyed by message type).</summary>
    public static IServiceCollection AddEmailComposer<TComposer, TMessage>(this IServiceCollection services)
        where TComposer : EmailComposer<TMessage>
        where TMessage : class
    {
        services.AddTransient<TComposer>();
        services.AddKeyedTransient<IEmailComposer>(EmailComposer<TMessage>.MessageType, (sp, _) => sp.GetRequiredService<TComposer>());
        return services;
    }
}
