using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.AccessRecords.RecordingApiReads;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.SearchingMessages;

/// <summary>
/// The desk's search over what was written in past inquiries — summary, details, replies (the
/// agents' and the customers', emailed answers included) and notes — to find how a similar case was
/// solved, and the inquiries similar to one (비슷한 이전 문의). Both read the index of keyed hashes
/// (<see cref="MessageSearchIndex"/>), which the event log fills a moment after each message.
/// </summary>
public static class SearchMessages
{
    public const int MaxQueryLength = 200;
    public const int MaxLimit = 50;
    public const int MaxSimilar = 20;

    public static RouteGroupBuilder MapMessageSearch(this RouteGroupBuilder agent)
    {
        agent.MapGet("/search", Search)
            .WithName("SearchInquiryMessages")
            .WithSummary("Past inquiries whose summary, details, replies or notes hold the words of q (≤ 200 characters; Korean matches inside words, by syllable pairs), most matching terms first, then the newest; limit ≤ 50 (20). Terms in too many inquiries are left out beside rarer ones (commonTermsLeftOut); when every term is that common, only the newest inquiries are searched (searchedFrom).");
        agent.MapGet("/{id:guid}/similar", Similar)
            .WithName("ListSimilarInquiries")
            .WithSummary("The other inquiries sharing the most terms with this one's texts (비슷한 이전 문의), among the newest 500 holding each term, without their summaries; limit ≤ 20 (5).");
        return agent;
    }

    private static async Task<Results<Ok<MessageSearchResults>, ValidationProblem>> Search(
        string? q, int? limit, MessageSearch search, DataKeyStore dataKeys, ApiReads reads, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var query = TextValues.Normalize(q);
        IReadOnlyList<string> terms = [];
        if (query is null)
        {
            errors.Add("q", "Give the words to search for.");
        }
        else if (query.Length > MaxQueryLength)
        {
            errors.Add("q", $"At most {MaxQueryLength} characters.");
        }
        else if ((terms = SearchTerms.Of(query)).Count == 0)
        {
            errors.Add("q", "Search by a word of two or more letters.");
        }

        var size = limit ?? 20;
        if (size is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"Between 1 and {MaxLimit}.");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var matches = await search.ForTermsAsync(terms, size, cancellationToken);
        var found = await dataKeys.FindManyAsync([.. matches.Best.Select(m => m.InquiryId)], cancellationToken);
        var hits = matches.Best
            .Select(m => Hit(m) with { Summary = found.TryGetValue(m.InquiryId, out var key) ? key.Open(m.InquiryId, new Sealed(m.SealedSummary)) : null })
            .ToArray();
        // The rows show summaries, as the queue's do: a list is an access too.
        if (hits.Length > 0)
        {
            await reads.RecordAsync(http, ApiReadActions.InquiriesListed, recordCount: hits.Length, cancellationToken: cancellationToken);
        }

        return TypedResults.Ok(new MessageSearchResults(hits, terms.Count, matches.Total, matches.LeftOut, matches.SearchedFrom));
    }

    private static async Task<Results<Ok<MessageSearchResults>, ValidationProblem, ProblemHttpResult>> Similar(
        Guid id, int? limit, MessageSearch search, CancellationToken cancellationToken)
    {
        var size = limit ?? 5;
        if (size is < 1 or > MaxSimilar)
        {
            var errors = new FieldErrors();
            errors.Add("limit", $"Between 1 and {MaxSimilar}.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (await search.SimilarToAsync(id, size, cancellationToken) is not var (matches, terms))
        {
            return Problems.InquiryNotFound();
        }

        return TypedResults.Ok(new MessageSearchResults([.. matches.Best.Select(Hit)], terms, matches.Total));
    }

    private static MessageSearchHit Hit(MessageMatch match) =>
        new(match.InquiryId, match.Matches, match.Status, match.SubmittedAt, match.LastActivityAt);
}
