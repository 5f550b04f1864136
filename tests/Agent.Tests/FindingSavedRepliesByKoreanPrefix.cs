extern alias agent;

using agent::SupportPlatform.Agent.SavedReplies.Searching;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>The reply box finds saved replies the way Korean is typed: by jamo, mid-syllable, and by initials.</summary>
public sealed class FindingSavedRepliesByKoreanPrefix
{
    [Theory]
    [InlineData("안녕하세요 인사", "안", true)]
    [InlineData("안녕하세요 인사", "안녀", true)] // 녕 still being composed
    [InlineData("가나다 안내", "간", true)] // the IME shows 간 while 가나 is typed
    [InlineData("닭갈비 안내", "달", true)] // ㄺ split: 달 is on the way to 닭
    [InlineData("환불 절차", "호", true)] // ㅘ split: 호 is on the way to 환
    [InlineData("스팸 오탐 안내", "오탐", true)] // a later word
    [InlineData("스팸 오탐 안내", "탐", false)] // not from a word's start
    [InlineData("스팸 오탐 안내", "ㅅㅍ", true)] // 초성
    [InlineData("스팸 오탐 안내", "ㅇㅌ ㅇ", true)]
    [InlineData("스팸 오탐 안내", "ㅇㄴ", true)]
    [InlineData("스팸 오탐 안내", "ㅌㅁ", false)]
    [InlineData("TMSe 재부팅 절차", "tms", true)]
    [InlineData("TMSe 재부팅 절차", "재부팅 절", true)]
    [InlineData("TMSe 재부팅 절차", "부팅", false)]
    [InlineData("아무 제목", "", true)]
    public void A_title_matches_a_prefix(string title, string query, bool matches) =>
        Assert.Equal(matches, KoreanPrefix.Matches(title, query));

    [Fact]
    public void Decomposed_input_matches_like_composed_input() =>
        Assert.True(KoreanPrefix.Matches("안녕하세요", "안녕".Normalize(System.Text.NormalizationForm.FormD)));

    [Fact]
    public void Syllables_spell_out_as_jamo() =>
        Assert.Equal("ㅇㅏㄴㄴㅕㅇㅎㅗㅏㄴ", KoreanPrefix.Jamo("안녕환"));
}
