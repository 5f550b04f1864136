using SupportPlatform.Knowledge.Searching;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

public sealed class StemmingKoreanVerbs
{
    [Theory]
    [InlineData("나가요", "나가")]
    [InlineData("나갔더라고요", "나가")]
    [InlineData("나가는데", "나가")]
    [InlineData("나감", "나가")]
    [InlineData("나갑니다", "나가")]
    [InlineData("막혀요", "막히")]
    [InlineData("막혔어요", "막히")]
    [InlineData("막히는", "막히")]
    [InlineData("막힘", "막히")]
    [InlineData("들어와요", "들어오")]
    [InlineData("들어왔는데", "들어오")]
    [InlineData("걸러졌더라구요", "걸러지")]
    public void Every_form_of_a_verb_has_one_stem(string word, string stem) =>
        Assert.Equal(stem, KoreanMorphology.Stem(word));

    [Theory]
    [InlineData("막혀요")]
    [InlineData("막혔어요")]
    [InlineData("막히는데")]
    [InlineData("막힘")]
    public void A_stem_with_a_usual_word_takes_it_in_every_form(string word) =>
        Assert.Equal("차단", KoreanText.StemKorean(word));

    [Theory]
    [InlineData("스팸")]
    [InlineData("시스템")]
    [InlineData("통과")]
    [InlineData("권한")]
    [InlineData("메일")]
    public void Nouns_that_only_look_like_endings_keep_their_shape(string word) =>
        Assert.Equal(word, KoreanText.StemKorean(word));

    [Fact]
    public void A_document_and_a_query_inflected_differently_share_the_stem()
    {
        var document = KoreanText.Analyze("메일이 외부로 나가는 경우", AnalysisMode.Document).Where(t => t.Kind == TermKind.Word).Select(t => t.Text);
        var query = KoreanText.Analyze("메일이 나갔더라고요", AnalysisMode.Query).Where(t => t.Kind == TermKind.Word).Select(t => t.Text);
        Assert.Subset(document.ToHashSet(), query.ToHashSet());
    }
}
