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

/// <summary>When a delivery whose send failed transiently is tried again.</summary>
public static class Backoff
{
    /// <summary>Doubles from <paramref name="first"/> per failed attempt, capped at <paramref name="max"/>.</summary>
    public static TimeSpan After(int failedAttempts, TimeSpan first, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        // Past 2^20 the cap has long been reached; the clamp keeps the shift from overflowing.
        var factor = 1L << Math.Min(failedAttempts - 1, 20);
        var delay = TimeSpan.FromTicks(Math.Min(first.Ticks * factor, max.Ticks));
        return delay < max ? delay : max;
    }
}

/// <summary>How staff see a recipient: enough to recognise it, not enough to harvest it.</summary>
public static class RecipientMask
{
    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }

        var local = address[..at];
        var visible = local.Length <= 2 ? local[..1] : local[..2];
        return $"{visible}***{address[at..]}";
    }
}
