namespace SupportPlatform.Notification.Contracts;

/// <summary>The email log of one inquiry, as staff see it: recipients as hashes, no content or links.</summary>
public sealed record DeliveryLog(Guid InquiryId, IReadOnlyList<DeliveryStatusView> Deliveries);

public sealed record DeliveryStatusView(
    Guid Id,
    string Kind,
    string? RecipientHash,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? FailedAt,
    string? LastError);
