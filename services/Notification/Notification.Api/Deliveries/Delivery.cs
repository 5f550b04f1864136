namespace SupportPlatform.Notification.Deliveries;

/// <summary>What an email is for; stored as its kebab-case name.</summary>
public enum DeliveryKind
{
    Receipt,
    Reply,
    StaffAlert,
    InquiryLinks,
}

public enum DeliveryStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>One email a consumer decided to send, rendered and addressed, before it is stored.</summary>
public sealed record NewDelivery(DeliveryKind Kind, string Recipient, RenderedEmail Email);

/// <summary>A rendered email: subject (one line), HTML body and its plain-text alternative.</summary>
public sealed record RenderedEmail(string Subject, string HtmlBody, string TextBody);

/// <summary>A stored delivery that this process has claimed (leased) for one send attempt.</summary>
public sealed record ClaimedDelivery(
    Guid Id,
    Guid InquiryId,
    DeliveryKind Kind,
    string Recipient,
    RenderedEmail Email,
    int Attempts,
    DateTimeOffset CreatedAt);

public static class DeliveryNames
{
    public static string ToName(this DeliveryKind kind) => kind switch
    {
        DeliveryKind.Receipt => "receipt",
        DeliveryKind.Reply => "reply",
        DeliveryKind.StaffAlert => "staff-alert",
        DeliveryKind.InquiryLinks => "inquiry-links",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static DeliveryKind ParseKind(string name) => name switch
    {
        "receipt" => DeliveryKind.Receipt,
        "reply" => DeliveryKind.Reply,
        "staff-alert" => DeliveryKind.StaffAlert,
        "inquiry-links" => DeliveryKind.InquiryLinks,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static string ToName(this DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "pending",
        DeliveryStatus.Sent => "sent",
        DeliveryStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static DeliveryStatus ParseStatus(string name) => name switch
    {
        "pending" => DeliveryStatus.Pending,
        "sent" => DeliveryStatus.Sent,
        "failed" => DeliveryStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}

/// <summary>
/// How the delivery log names a recipient: SHA-256 of the trimmed, lower-cased address, hex. An
/// operator who is given an address can find its deliveries; the log alone does not reveal it.
/// (The same function as the schema's SQL for rows from before, so both agree.)
/// </summary>
public static class RecipientHash
{
    public static string Of(string address) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant())));

    /// <summary>An error text with the address replaced, since mail servers often echo it ("550 &lt;kim@…&gt; unknown").</summary>
    public static string Scrub(string error, string address) =>
        string.IsNullOrWhiteSpace(address) ? error : error.Replace(address.Trim(), "<recipient>", StringComparison.OrdinalIgnoreCase);
}
