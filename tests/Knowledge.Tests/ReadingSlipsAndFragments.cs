using SupportPlatform.Knowledge.Searching;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>
/// Issue 25's rules for slips and fragments that whole-word correction cannot see: a slip in a
/// short word or inside a compound, a one-syllable word, the last words of a phrase still being
/// typed. The articles and queries here are made up, none from an evaluation set.
/// </summary>
public sealed class ReadingSlipsAndFragments
{
    private static readonly SearchIndex Index = SearchIndex.Build(
        [
            Article("bulk", "대량메일 발송 설정", "대량메일을 보낼 때 메일 서버의 발송 설정을 바꿉니다."),
            Article("other", "타 시스템에서 메일 보내기", "그룹웨어가 아닌 타 시스템에서도 메일을 보낼 수 있습니다."),
            Article("limits", "발송 횟수 제한", "메일 발송 횟수가 많으면 차단됩니다."),
            Article("daily", "매일 받는 스팸메일 목록", "스팸 목록은 매일 아침 메일로 옵니다."),
        ],
        extras: new IndexExtras(new DomainVocabulary([new Concept("other-systems", ["다른 시스템", "connection limit"], ["other"])]), []));

    private static IndexedArticle Article(string slug, string title, string body) =>
        new(Guid.NewGuid(), slug, title, "guide", "가이드", [], body, DateTimeOffset.UnixEpoch);

    private static SearchHit Best(string query) => Index.Recommend(query, 3)[0];

    [Fact]
    public void A_slip_in_a_two_syllable_word_is_read_together_with_the_next_word()
    {
        var best = Best("대냥 메일 ");

        Assert.Equal("bulk", best.Article.Slug);
        Assert.Contains("대량메일", best.Matched);
    }

    [Fact]
    public void A_misspelt_part_of_a_compound_stands_for_the_word_it_corrects_to()
    {
        var best = Best("타씨스템에서 ");

        Assert.Equal("other", best.Article.Slug);
        Assert.Contains("시스템", best.Matched);
    }

    [Fact]
    public void A_misspelt_compound_is_corrected_whole_before_it_is_split()
    {
        // "스팸매일" splits into the known words 스팸 and 매일, but it is one slip from 스팸메일.
        Assert.Contains("스팸메일", Best("스팸매일 ").Matched);
    }

    [Fact]
    public void A_one_syllable_word_counts_by_the_bigram_it_forms_with_its_neighbour()
    {
        var best = Best("발송 횟");

        Assert.Equal("limits", best.Article.Slug);
        Assert.Contains("송횟", best.Matched);
    }

    [Theory]
    [InlineData("다른 시")]
    [InlineData("connection li")]
    public void The_last_words_still_being_typed_may_begin_a_phrase_together(string typed)
    {
        var vocabulary = Index.Extras.Vocabulary;

        Assert.Contains(vocabulary.Match(typed, typed.Split(' ')[^1]), found => found.Concept.Key == "other-systems");
        Assert.DoesNotContain(vocabulary.Match(typed + " "), found => found.Concept.Key == "other-systems");
    }

    [Fact]
    public void A_phrase_is_not_completed_from_one_short_word_alone() =>
        Assert.Empty(Index.Extras.Vocabulary.Match("li", "li"));
}
