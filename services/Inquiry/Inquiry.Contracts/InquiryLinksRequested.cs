namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// Someone asked 내 문의 for the links to every inquiry of an address, and the address has some.
/// Not from the event log: no inquiry changes, so there is nothing to record; a lost request is
/// asked again. Carries the inquiries' ids, not the address: the sender fetches the address and
/// freshly minted links (<see cref="InternalInquiryApi.GetLinksAsync"/>) when it sends.
/// </summary>
public sealed record InquiryLinksRequested
{
    public required Guid RequestId { get; init; }

    /// <summary>The inquiries of the address, newest first; they share one address.</summary>
    public required IReadOnlyList<Guid> InquiryIds { get; init; }

    /// <summary>The language of the email ("ko" or "en").</summary>
    public required string Language { get; init; }

    /// <summary>When the links in the email stop working.</summary>
    public required DateTimeOffset LinksExpireAt { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
