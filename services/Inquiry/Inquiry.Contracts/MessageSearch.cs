namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// One past inquiry that the desk's message search found: how many of the query's terms its texts
/// (summary, details, replies, notes) hold, and what the queue shows of it. <see cref="Summary"/> is
/// the summary for a search by words (as the queue lists it) and null in "similar inquiries".
/// </summary>
public sealed record MessageSearchHit(
    Guid InquiryId, int Matches, string Status, DateTimeOffset SubmittedAt, DateTimeOffset LastActivityAt, string? Summary = null);

/// <summary>
/// The best matches first (most matching terms, then the newest), at most the limit asked;
/// <see cref="Terms"/> is how many distinct terms were searched for and <see cref="Total"/> how many
/// inquiries hold at least one of those searched (for similar inquiries: among the newest 500
/// holding each term). A search by words reads a bounded number of postings:
/// <see cref="CommonTermsLeftOut"/> terms were in too many inquiries to search beside the rarer
/// terms of the query, and when every term is that common only the inquiries submitted since
/// <see cref="SearchedFrom"/> were searched.
/// </summary>
public sealed record MessageSearchResults(
    IReadOnlyList<MessageSearchHit> Items, int Terms, long Total, int CommonTermsLeftOut = 0, DateTimeOffset? SearchedFrom = null);
