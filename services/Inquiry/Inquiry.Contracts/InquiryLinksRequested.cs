namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// Someone asked 내 문의 for the links to every inquiry of an address, and the address has some.
/// Not from the event log: no inquiry changes, so there is nothing to record; a lost request is
/// asked again. The links carry short-lived tokens (<see cref="LinksExpireAt"/>), never the
/// inquiries' own access tokens, which are stored only as hashes.
/// </summary>
public sealed record InquiryLinksRequested
{
    public required Guid RequestId { get; init; }

    /// <summary>Where the list goes: the address the inquiries were filed with.</summary>
    public required string Email { get; init; }

    /// <summary>The language of the email ("ko" or "en").</summary>
    public required string Language { get; init; }

    /// <summary>Newest first.</summary>
    public required IReadOnlyList<InquiryLink> Links { get; init; }

    public required DateTimeOffset LinksExpireAt { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}

/// <summary>One inquiry's private link: the Lounge's <c>/inquiries/{InquiryId}?token=…</c>.</summary>
public sealed record InquiryLink
{
    public required Guid InquiryId { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public required string AccessToken { get; init; }
}
