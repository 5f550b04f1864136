namespace SupportPlatform.Inquiry.Inquiries.SearchingMessages;

/// <summary>
/// Which postings a search reads, decided from how many inquiries hold each of its terms before any
/// posting is read, so that a search reads at most about <c>budget</c> postings whatever the size of
/// the platform (the index grows with it; a common word's postings with it):
/// <list type="bullet">
/// <item>terms are read whole from the rarest up, as long as together they stay within the budget:
///   those terms find the inquiries and rank them; the commoner terms of the query are left out
///   (a word in thousands of inquiries does not tell one from another, as a stop word does not);</item>
/// <item>when not even the rarest term fits, every term is common, and only the newest inquiries
///   are searched: from the point where each term has at most <c>budget / terms</c> postings
///   (<see cref="NewestPerTerm"/>), so every inquiry from there on is counted exactly;</item>
/// <item>a term no inquiry holds reads nothing and leaves nothing out.</item>
/// </list>
/// </summary>
/// <param name="Searched">The positions in the query of the terms whose postings are read.</param>
/// <param name="LeftOut">How many terms of the query were too common to read beside rarer ones.</param>
/// <param name="NewestPerTerm">When every term is common: the postings per term the newest inquiries are searched back to.</param>
public sealed record MessageSearchPlan(IReadOnlyList<int> Searched, int LeftOut, int? NewestPerTerm)
{
    /// <param name="inquiriesPerTerm">How many inquiries hold each term of the query (the counts of every lookup key together).</param>
    /// <param name="budget">The postings a search may read.</param>
    public static MessageSearchPlan For(IReadOnlyList<long> inquiriesPerTerm, int budget)
    {
        var present = Enumerable.Range(0, inquiriesPerTerm.Count)
            .Where(i => inquiriesPerTerm[i] > 0)
            .OrderBy(i => inquiriesPerTerm[i])
            .ThenBy(i => i)
            .ToList();
        var whole = new List<int>();
        var postings = 0L;
        foreach (var term in present)
        {
            if (postings + inquiriesPerTerm[term] > budget)
            {
                break;
            }

            postings += inquiriesPerTerm[term];
            whole.Add(term);
        }

        if (whole.Count > 0 || present.Count == 0)
        {
            return new MessageSearchPlan([.. whole.Order()], present.Count - whole.Count, null);
        }

        return new MessageSearchPlan([.. present.Order()], 0, Math.Max(1, budget / present.Count));
    }
}
