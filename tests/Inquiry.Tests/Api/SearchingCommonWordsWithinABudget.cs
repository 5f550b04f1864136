using System.Net;
using System.Net.Http.Json;
using SupportPlatform.Testing;
using Xunit;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>The service with a message search that may read only six postings, so a handful of inquiries makes a word common.</summary>
public sealed class InquiryApiWithSmallSearchBudget : InquiryApi
{
    public const int PostingsPerQuery = 6;

    protected override void ConfigureService(ServiceFactory<Program> service) =>
        service.Settings["SearchIndex:PostingsPerQuery"] = PostingsPerQuery.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Issue 25 at a million inquiries: a search by words reads a bounded number of postings, however
/// common its words. Beside a rarer word a common one is left out (it tells no inquiry from
/// another); when every word is common only the newest inquiries are searched, back to where each
/// word has its share of the budget, and they are counted exactly. Words are random Hangul syllable
/// pairs (one term each), so only this test's inquiries hold them.
/// </summary>
public sealed class SearchingCommonWordsWithinABudget(InquiryApiWithSmallSearchBudget api) : IClassFixture<InquiryApiWithSmallSearchBudget>
{
    [Fact]
    public async Task Beside_a_rarer_word_a_word_in_more_inquiries_than_the_budget_is_left_out()
    {
        var (common, rare) = (SearchingMessageText.Hangul(2), SearchingMessageText.Hangul(2));
        var olderWithBoth = await SubmitAsync($"{common} {rare}");
        var commonOnly = new List<Guid>();
        for (var i = 0; i < InquiryApiWithSmallSearchBudget.PostingsPerQuery; i++)
        {
            commonOnly.Add(await SubmitAsync($"{common} 관련"));
        }

        var newerWithRare = await SubmitAsync($"{rare} 관련");
        await IndexedAsync([olderWithBoth, .. commonOnly, newerWithRare]);

        var found = await SearchAsync($"{rare} {common}");

        // Two postings of the rare word fit the budget of six, the seven of the common one do not.
        Assert.Equal([newerWithRare, olderWithBoth], found.Items.Select(h => h.InquiryId));
        Assert.Equal([1, 1], found.Items.Select(h => h.Matches));
        Assert.Equal((2, 2L, 1, (DateTimeOffset?)null), (found.Terms, found.Total, found.CommonTermsLeftOut, found.SearchedFrom));
    }

    [Fact]
    public async Task When_every_word_is_common_only_the_newest_inquiries_are_searched_and_each_counts_every_word_it_holds()
    {
        var (a, b) = (SearchingMessageText.Hangul(2), SearchingMessageText.Hangul(2));
        var oldestWithBoth = await SubmitAsync($"{a} {b}");
        var ids = new List<Guid> { oldestWithBoth };
        for (var i = 0; i < InquiryApiWithSmallSearchBudget.PostingsPerQuery; i++)
        {
            ids.Add(await SubmitAsync($"{a} 하나"));
        }

        var withB = new List<Guid>();
        for (var i = 0; i < InquiryApiWithSmallSearchBudget.PostingsPerQuery; i++)
        {
            withB.Add(await SubmitAsync($"{b} 둘"));
        }

        var newestWithBoth = await SubmitAsync($"{b} {a}");
        await IndexedAsync([.. ids, .. withB, newestWithBoth]);

        var found = await SearchAsync($"{a} {b}");

        // Eight inquiries hold each word: three postings per word (six shared by two words), and b's
        // third newest is the later start, so the newest inquiry and the two before it are searched.
        Assert.Equal([newestWithBoth, withB[^1], withB[^2]], found.Items.Select(h => h.InquiryId));
        Assert.Equal([2, 1, 1], found.Items.Select(h => h.Matches));
        Assert.Equal((2, 3L, 0), (found.Terms, found.Total, found.CommonTermsLeftOut));
        Assert.Equal(found.Items[^1].SubmittedAt, found.SearchedFrom);
        Assert.DoesNotContain(oldestWithBoth, found.Items.Select(h => h.InquiryId));
    }

    private async Task<Guid> SubmitAsync(string details) =>
        (await api.SubmitAsync(Requests.Valid().With("summary", "예산 검색").With("details", details))).InquiryId;

    /// <summary>
    /// Waits until the message search index and the queue hold every one of these inquiries: a hit
    /// is shown with its queue entry, and the index (a subscription) may run ahead of the queue (a
    /// projection), as it did under load.
    /// </summary>
    private Task IndexedAsync(Guid[] ids) =>
        Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<long>(
                """
                SELECT (SELECT count(DISTINCT inquiry_id) FROM inquiry.message_search_terms WHERE inquiry_id = ANY(@ids))
                     + (SELECT count(*) FROM inquiry.mt_doc_queue WHERE id = ANY(@ids))
                """, ("ids", ids)) == 2 * ids.Length,
            "the inquiries to be indexed and queued");

    private async Task<Contracts.MessageSearchResults> SearchAsync(string query)
    {
        using var agent = api.Agent();
        var response = await agent.GetAsync($"/api/agent/inquiries/search?limit=50&q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Contracts.MessageSearchResults>())!;
    }
}
