using SupportPlatform.ServiceDefaults.Keys;

namespace SupportPlatform.Notification.Deliveries;

/// <summary>What an email is for; stored as its kebab-case name.</summary>
public enum DeliveryKind
{
    Receipt,
    Reply,
    StaffAlert,
    InquiryLinks,
    Reminder,
    Survey,

    /// <summary>An SLA target of an inquiry is at 80 % of its business time, or past its due time: to the support team.</summary>
    SlaWarning,
}

public enum DeliveryStatus
{
    Pending,
    Sent,
    Failed,

    /// <summary>The inquiry was gone (purged) when the email was to be composed: nothing to send.</summary>
    Cancelled,

    /// <summary>Sent, and then a delivery status notification came back: the address does not take mail.</summary>
    Bounced,
}

/// <summary>
/// A stored delivery that this process has claimed (leased) for one send attempt. It holds no
/// address or content: <see cref="Request"/> is the ids-only message it came from, and the email is
/// composed from Inquiry's internal API at each attempt (<see cref="Sending.IEmailComposer"/>).
/// </summary>
/// <param name="ClaimedUntil">
/// The claim's end as stored (<c>locked_until</c>, whole microseconds): it identifies this claim, so
/// only its holder extends it (<see cref="DeliveryStore.ExtendClaimAsync"/>); another replica's
/// claim of the same row stores another end.
/// </param>
/// <param name="TakenOver">
/// The claim was taken from a holder whose claim ran out (a crashed process, or one that sent while
/// the database was away and is still recording it): the send waits for that holder first
/// (<see cref="DeliveryStore.TakeOverGrace"/>).
/// </param>
public sealed record ClaimedDelivery(
    Guid Id,
    Guid InquiryId,
    DeliveryKind Kind,
    string MessageType,
    string Request,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset ClaimedUntil,
    bool TakenOver = false);

/// <summary>A rendered email: subject (one line), HTML body and its plain-text alternative.</summary>
public sealed record RenderedEmail(string Subject, string HtmlBody, string TextBody);

/// <summary>An email composed for sending: where it goes and what it says. Only ever in memory.</summary>
/// <param name="ReplyToken">For emails to the customer: the token of the inquiry's reply address, so their answer reaches the inquiry.</param>
public sealed record ComposedEmail(string Recipient, RenderedEmail Email, string? ReplyToken = null);

public static class DeliveryKinds
{
    /// <summary>The emails of the customer's conversation (threaded, answerable); the rest go to staff or stand alone.</summary>
    public static bool ToCustomer(DeliveryKind kind) => kind is DeliveryKind.Receipt or DeliveryKind.Reply or DeliveryKind.Reminder;
}

public static class DeliveryNames
{
    public static string ToName(this DeliveryKind kind) => kind switch
    {
        DeliveryKind.Receipt => "receipt",
        DeliveryKind.Reply => "reply",
        DeliveryKind.StaffAlert => "staff-alert",
        DeliveryKind.InquiryLinks => "inquiry-links",
        DeliveryKind.Reminder => "reminder",
        DeliveryKind.Survey => "survey",
        DeliveryKind.SlaWarning => "sla-warning",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static DeliveryKind ParseKind(string name) => name switch
    {
        "receipt" => DeliveryKind.Receipt,
        "reply" => DeliveryKind.Reply,
        "staff-alert" => DeliveryKind.StaffAlert,
        "inquiry-links" => DeliveryKind.InquiryLinks,
        "reminder" => DeliveryKind.Reminder,
        "survey" => DeliveryKind.Survey,
        "sla-warning" => DeliveryKind.SlaWarning,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static string ToName(this DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "pending",
        DeliveryStatus.Sent => "sent",
        DeliveryStatus.Failed => "failed",
        DeliveryStatus.Cancelled => "cancelled",
        DeliveryStatus.Bounced => "bounced",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static DeliveryStatus ParseStatus(string name) => name switch
    {
        "pending" => DeliveryStatus.Pending,
        "sent" => DeliveryStatus.Sent,
        "failed" => DeliveryStatus.Failed,
        "cancelled" => DeliveryStatus.Cancelled,
        "bounced" => DeliveryStatus.Bounced,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}

/// <summary>
/// How the delivery log names a recipient: HMAC-SHA256 of the trimmed, lower-cased address, hex,
/// with a key of its own purpose. An operator who is given an address can find its deliveries; the
/// log alone does not reveal it, and unlike a plain hash it cannot be reversed by hashing a list of
/// likely addresses. The key is <c>Keys:RecipientHash</c>, or derived from <c>Keys:Root</c>
/// (<see cref="PurposeKeys"/>); a deployment with neither keeps the key it always had, derived from
/// the signing key of id <c>initial</c>, so its stored hashes stay valid — and refuses to start once
/// that key is gone, rather than silently hash addresses differently (docs/operations.md says how
/// to pin the key first).
/// </summary>
public sealed class RecipientHash(IConfiguration configuration)
{
    public const string Purpose = "notification-recipient-hash-v1";

    private readonly byte[] key = PurposeKeys.Find(configuration, "RecipientHash", Purpose) ?? LegacyKey(configuration);

    /// <summary>The key of the hashes stored before keys per purpose: HMAC of the purpose under the initial signing key.</summary>
    public static byte[] LegacyKey(IConfiguration configuration) =>
        SigningKeys.FromConfiguration(configuration).Find(SigningKeys.InitialId) is { } signingKey
            ? System.Security.Cryptography.HMACSHA256.HashData(signingKey.Key, System.Text.Encoding.UTF8.GetBytes(Purpose))
            : throw new InvalidOperationException(
                $"Keys:RecipientHash (or Keys:Root) must be set: the recipient hash key followed the signing key '{SigningKeys.InitialId}', which is no longer configured (docs/operations.md).");

    public string Of(string address) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant())));

    /// <summary>An error text with the address replaced, since mail servers often echo it ("550 &lt;kim@…&gt; unknown").</summary>
    public static string Scrub(string error, string? address) =>
        string.IsNullOrWhiteSpace(address) ? error : error.Replace(address.Trim(), "<recipient>", StringComparison.OrdinalIgnoreCase);
}
