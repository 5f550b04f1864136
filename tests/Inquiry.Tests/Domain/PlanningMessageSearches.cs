using SupportPlatform.Inquiry.Inquiries.SearchingMessages;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Domain;

/// <summary>
/// Issue 25 at a million inquiries: a message search reads a bounded number of postings, planned
/// from how many inquiries hold each of its terms (<see cref="MessageSearchPlan"/>), and the index's
/// per-term counts move by what each writer adds and deletes (<see cref="TermCountChanges"/>).
/// </summary>
public sealed class PlanningMessageSearches
{
    [Fact]
    public void Terms_are_read_whole_from_the_rarest_up_within_the_budget_and_the_commoner_ones_are_left_out()
    {
        var plan = MessageSearchPlan.For([30, 4_000, 10, 900], budget: 1_000);

        Assert.Equal([0, 2, 3], plan.Searched);
        Assert.Equal((1, (int?)null), (plan.LeftOut, plan.NewestPerTerm));
    }

    [Fact]
    public void A_term_that_would_pass_the_budget_is_left_out_even_if_a_rarer_one_beside_it_fits()
    {
        Assert.Equal([1], MessageSearchPlan.For([700, 400], budget: 1_000).Searched);
        Assert.Equal([0, 1], MessageSearchPlan.For([600, 400], budget: 1_000).Searched);
    }

    [Fact]
    public void When_every_term_is_too_common_only_the_newest_are_searched_the_budget_shared_between_the_terms()
    {
        var plan = MessageSearchPlan.For([5_000, 270_000, 1_001], budget: 1_000);

        Assert.Equal([0, 1, 2], plan.Searched);
        Assert.Equal((0, (int?)333), (plan.LeftOut, plan.NewestPerTerm));
    }

    [Fact]
    public void A_term_no_inquiry_holds_reads_nothing_and_leaves_no_common_term_out()
    {
        var oneHeld = MessageSearchPlan.For([0, 50_000], budget: 1_000);
        var noneHeld = MessageSearchPlan.For([0, 0], budget: 1_000);

        Assert.Equal([1], oneHeld.Searched);
        Assert.Equal((0, (int?)1_000), (oneHeld.LeftOut, oneHeld.NewestPerTerm));
        Assert.Empty(noneHeld.Searched);
        Assert.Equal((0, (int?)null), (noneHeld.LeftOut, noneHeld.NewestPerTerm));
    }

    [Fact]
    public void Counts_move_by_the_postings_added_and_deleted_and_a_text_indexed_again_moves_nothing()
    {
        var changes = TermCountChanges.Of(
            added: [(7, "initial"), (3, "initial"), (3, "2027-02"), (9, "initial")],
            removed: [(9, "initial"), (5, "initial"), (3, "initial")]);

        Assert.Equal([(3L, "2027-02", 1), (5L, "initial", -1), (7L, "initial", 1)], changes);
    }
}
