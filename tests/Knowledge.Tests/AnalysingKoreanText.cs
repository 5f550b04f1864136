using SupportPlatform.Knowledge.Searching;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

public sealed class AnalysingKoreanText
{
    [Fact]
    public void Normalising_composes_hangul_folds_width_and_case_and_drops_punctuation_and_jamo()
    {
        var decomposed = "스팸".Normalize(System.Text.NormalizationForm.FormD);
        Assert.NotEqual("스팸", decomposed);
        Assert.Equal("스팸 메일", KoreanText.Normalize(decomposed + " 메일"));
        Assert.Equal("tmse 스팸서버의 승인자 정보 유지", KoreanText.Normalize("[TMSe]스팸서버의 '승인자 정보 유지'?"));
        Assert.Equal("421 your ip", KoreanText.Normalize("４２１ [Your IP]"));
        Assert.Equal("랜섬웨", KoreanText.Normalize("랜섬웨ㅇ"));
        Assert.Equal(string.Empty, KoreanText.Normalize("  ㅠㅠ !! "));
    }

    [Fact]
    public void Dae_between_digits_is_read_as_the_ratio_colon()
    {
        Assert.Equal("1 1 문의", KoreanText.Normalize("1대1 문의"));
        Assert.Equal("1 1 문의", KoreanText.Normalize("1 대 1 문의"));
        Assert.Equal("서버 2대 증설", KoreanText.Normalize("서버 2대 증설"));
    }

    [Theory]
    [InlineData("잇어요")]
    [InlineData("돼나요")]
    public void A_politeness_word_misspelt_by_a_sound_alike_slip_is_still_a_stop_word(string word) =>
        Assert.Empty(KoreanText.Analyze(word, AnalysisMode.Query));

    [Fact]
    public void A_one_syllable_query_word_gets_the_bigrams_it_forms_with_its_neighbours()
    {
        var terms = KoreanText.Analyze("수신자 수 제한", AnalysisMode.Query);

        Assert.Contains(new Term(TermKind.Bigram, "자수", 2), terms);
        Assert.Contains(new Term(TermKind.Bigram, "수제", 2), terms);
        Assert.DoesNotContain(terms, term => term.Text == "자수" && term.Word != 2);
    }

    [Fact]
    public void Tokens_split_where_hangul_meets_latin_or_digits()
    {
        Assert.Equal(
            [new Token("tmse", false), new Token("스팸서버", true), new Token("421", false), new Token("오류", true)],
            KoreanText.Tokenize("tmse스팸서버 421오류"));
    }

    [Theory]
    [InlineData("랜섬웨어가", "랜섬웨어")]
    [InlineData("메일이", "메일")]
    [InlineData("도메인에서", "도메인")]
    [InlineData("다우오피스에는", "다우오피스")]
    [InlineData("차단됩니다", "차단")]
    [InlineData("발송되는", "발송")]
    [InlineData("컨텐츠필터를", "콘텐츠필터")]
    [InlineData("이메일을", "메일")]
    [InlineData("무엇인가요", "무엇")]
    [InlineData("통과", "통과")]
    [InlineData("권한", "권한")]
    [InlineData("정책추가", "정책추가")]
    [InlineData("문의", "문의")]
    [InlineData("관리자권한이", "관리자권한")]
    public void Stemming_strips_one_particle_or_ending_and_unifies_spellings(string word, string stem) =>
        Assert.Equal(stem, KoreanText.StemKorean(word));

    [Theory]
    [InlineData("recipients", "recipient")]
    [InlineData("address", "address")]
    [InlineData("tms", "tms")]
    public void Latin_plurals_lose_their_s(string word, string stem) => Assert.Equal(stem, KoreanText.StemLatin(word));

    [Fact]
    public void Bigrams_and_trigrams_cover_the_characters_in_order()
    {
        Assert.Equal(["스팸", "팸메", "메일"], KoreanText.Bigrams("스팸메일"));
        Assert.Equal(["^ip", "ip$"], KoreanText.Trigrams("ip", complete: true));
        Assert.Equal(["^re", "rec", "eci"], KoreanText.Trigrams("reci", complete: false));
    }

    [Fact]
    public void A_document_written_with_spaces_has_every_bigram_of_the_query_written_without()
    {
        var document = KoreanText.Analyze("스팸 메일이 발송됩니다", AnalysisMode.Document).Select(t => t.Key).ToHashSet();
        var query = KoreanText.Analyze("스팸메일 발송", AnalysisMode.Query).Where(t => t.Kind == TermKind.Bigram).Select(t => t.Key);
        Assert.All(query, key => Assert.Contains(key, document));
    }

    [Fact]
    public void English_words_also_count_as_their_korean_equivalent()
    {
        var terms = KoreanText.Analyze("spam mail", AnalysisMode.Query);
        Assert.Contains(new Term(TermKind.Word, "스팸", 1), terms);
        Assert.Contains(new Term(TermKind.Word, "spam", 1), terms);
        Assert.Contains(new Term(TermKind.Word, "메일", 2), terms);
    }

    [Fact]
    public void Stop_words_and_single_letters_produce_no_terms()
    {
        Assert.Empty(KoreanText.Analyze("어떻게 하나요 the a", AnalysisMode.Query));
    }

    [Fact]
    public void Typo_tolerance_ignores_words_too_long_to_be_a_slip_instead_of_expanding_them()
    {
        // The fuzzer's 70,000-syllable "word" in an article body once made the service take 21 GB:
        // a deletion neighbourhood grows with the square of the word's length.
        var huge = new string('가', 70_000);
        var typos = new TypoCorrection(["대량메일", huge, new string('a', 70_000)]);

        Assert.Empty(typos.Candidates(huge));
        Assert.Equal(["대량메일"], typos.Candidates("대랑메일"));
    }
}
