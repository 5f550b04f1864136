using SupportPlatform.Knowledge.Learning;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>The learned-synonym loop as a pure function: bounded, net of unhelped sessions, reviewable.</summary>
public sealed class LearningTermsFromOpenedRecommendations
{
    private static readonly HashSet<(string, string)> NoneRejected = [];

    private static OpenedRecommendation Opened(int session, string slug, bool filed = false, params string[] terms) =>
        new($"s{session}", slug, terms, filed);

    [Fact]
    public void A_word_needs_three_helped_sessions_and_its_weight_grows_with_support_up_to_the_cap()
    {
        var two = Enumerable.Range(1, 2).Select(s => Opened(s, "a", false, "증발")).ToList();
        Assert.Empty(LearnedTerms.Learn(two, (_, _) => false, NoneRejected));

        var three = LearnedTerms.Learn(Enumerable.Range(1, 3).Select(s => Opened(s, "a", false, "증발")), (_, _) => false, NoneRejected);
        var learned = Assert.Single(three);
        Assert.Equal(("a", "증발", 3), (learned.Slug, learned.Term, learned.Support));
        Assert.Equal(LearnedTerms.MaximumWeight * 0.3f, learned.Weight, 3);

        var many = LearnedTerms.Learn(Enumerable.Range(1, 50).Select(s => Opened(s, "a", false, "증발")), (_, _) => false, NoneRejected);
        Assert.Equal(LearnedTerms.MaximumWeight, Assert.Single(many).Weight);
    }

    [Fact]
    public void The_same_session_counts_once_and_sessions_that_still_filed_an_inquiry_count_against()
    {
        var evidence = new[]
        {
            Opened(1, "a", false, "증발"), Opened(1, "a", false, "증발"), Opened(1, "a", false, "증발"),
            Opened(2, "a", false, "증발"), Opened(3, "a", false, "증발"), Opened(4, "a", false, "증발"),
            Opened(5, "a", true, "증발"), Opened(6, "a", true, "증발"),
        };
        Assert.Empty(LearnedTerms.Learn(evidence, (_, _) => false, NoneRejected));
        Assert.Single(LearnedTerms.Learn(evidence.Take(7), (_, _) => false, NoneRejected));
    }

    [Fact]
    public void Rejected_words_words_the_article_has_and_all_but_the_strongest_ten_are_left_out()
    {
        var evidence = Enumerable.Range(1, 5).SelectMany(s => new[]
        {
            Opened(s, "a", false, [.. Enumerable.Range(0, 15).Select(w => $"단어{(char)('가' + w)}"), "증발", "메일"]),
        }).ToList();
        var learned = LearnedTerms.Learn(evidence, (_, term) => term == "메일", new HashSet<(string, string)> { ("a", "증발") });
        Assert.Equal(LearnedTerms.MaximumPerArticle, learned.Count);
        Assert.DoesNotContain(learned, t => t.Term is "증발" or "메일");
    }

    [Fact]
    public void Only_the_stemmed_words_of_a_summary_are_kept_as_evidence()
    {
        Assert.Equal(["메일", "증발"], LearnedTerms.EvidenceTerms("메일이 증발했어요 010-1234-5678 a"));
    }

    [Fact]
    public void An_article_agents_put_into_replies_to_two_inquiries_learns_their_shared_words_but_one_inquiry_alone_teaches_nothing()
    {
        const string slug = "tmse-content-filter-not-blocking";
        var first = OpenedRecommendation.FromDesk(Guid.NewGuid(), slug, ["욕설", "거르기"]);
        var second = OpenedRecommendation.FromDesk(Guid.NewGuid(), slug, ["욕설", "제목"]);

        Assert.Empty(LearnedTerms.Learn([first], (_, _) => false, NoneRejected));
        var learned = Assert.Single(LearnedTerms.Learn([first, second], (_, _) => false, NoneRejected));
        Assert.Equal(("욕설", 2 * LearnedTerms.DeskStrength), (learned.Term, learned.Support));
        Assert.True(learned.Weight <= LearnedTerms.MaximumWeight);
    }

    [Fact]
    public void The_same_inquiry_used_twice_counts_once_and_a_rejected_word_stays_out()
    {
        var inquiry = Guid.NewGuid();
        const string slug = "tmse-content-filter-not-blocking";
        var twice = new[] { OpenedRecommendation.FromDesk(inquiry, slug, ["욕설"]), OpenedRecommendation.FromDesk(inquiry, slug, ["욕설"]) };
        var another = OpenedRecommendation.FromDesk(Guid.NewGuid(), slug, ["욕설"]);

        Assert.Empty(LearnedTerms.Learn(twice, (_, _) => false, NoneRejected));
        Assert.Single(LearnedTerms.Learn([.. twice, another], (_, _) => false, NoneRejected));
        Assert.Empty(LearnedTerms.Learn([.. twice, another], (_, _) => false, new HashSet<(string, string)> { (slug, "욕설") }));
    }
}
