namespace SupportPlatform.Notification.Deliveries;

/// <summary>
/// The <c>Message-ID</c> of every email we send: the delivery id at the sender's domain. Stable
/// across retries (one delivery, one id), and it tells an answer's <c>In-Reply-To</c>/<c>References</c>
/// which delivery, and so which inquiry, it answers, with no table of ids to keep.
/// </summary>
public static class MessageIds
{
    public static string For(Guid deliveryId, string domain) => $"<{deliveryId:N}@{domain}>";

    /// <summary>The delivery id of one of our Message-IDs (with or without angle brackets), else null.</summary>
    public static Guid? DeliveryOf(string messageId, string domain)
    {
        var id = messageId.Trim().TrimStart('<').TrimEnd('>');
        var at = id.LastIndexOf('@');
        return at == 32
            && id.AsSpan(at + 1).Equals(domain, StringComparison.OrdinalIgnoreCase)
            && Guid.TryParseExact(id.AsSpan(0, at), "N", out var deliveryId)
            ? deliveryId
            : null;
    }
}
