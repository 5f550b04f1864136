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
    [InlineData("올리려면", "올리")]
    [InlineData("보내려고", "보내")]
    [InlineData("퍼질까", "퍼지")]
    [InlineData("막힌", "막히")]
    [InlineData("사라진", "사라지")]
    [InlineData("보낸", "보내")]
    [InlineData("허용해", "허용")]
    [InlineData("교육하려는데", "교육")]
    [InlineData("통과시켰는지", "통과")]
    [InlineData("문서들", "문서")]
    public void Intent_question_and_adnominal_endings_a_noun_made_a_verb_and_the_plural_go_too(string word, string stem) =>
        Assert.Equal(stem, KoreanMorphology.Stem(word));

    [Theory]
    [InlineData("확인")]
    [InlineData("시간")]
    [InlineData("도메인")]
    [InlineData("원하")]
    public void Nouns_ending_in_n_and_short_verbs_in_ha_keep_their_shape(string word) =>
        Assert.Equal(word, KoreanMorphology.Stem(word));

    [Fact]
    public void A_particle_glued_to_a_latin_word_belongs_to_it() =>
        Assert.Equal([new Token("tmw", false), new Token("설정", true), new Token("421", false), new Token("오류", true)], KoreanText.Tokenize("tmw에서 설정 421오류"));

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
