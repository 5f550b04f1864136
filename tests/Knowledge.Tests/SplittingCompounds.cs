using SupportPlatform.Knowledge.Searching;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

public sealed class SplittingCompounds
{
    private static readonly HashSet<string> Known = ["대량", "메일", "대량메일", "발송", "스팸", "서버", "설정"];

    [Theory]
    [InlineData("대량메일발송", new[] { "대량메일", "발송" })]
    [InlineData("스팸서버설정", new[] { "스팸", "서버", "설정" })]
    public void A_compound_splits_into_the_fewest_known_words(string word, string[] parts) =>
        Assert.Equal(parts, CompoundWords.Split(word, Known.Contains));

    [Theory]
    [InlineData("메일발송이")]
    [InlineData("점심메뉴")]
    [InlineData("메일")]
    public void A_word_with_an_unknown_part_is_not_split(string word) =>
        Assert.Empty(CompoundWords.Split(word, Known.Contains));

    [Fact]
    public void A_misspelt_part_resolves_to_its_word_and_a_leading_syllable_stands_alone_where_the_catalogue_writes_it_so()
    {
        string? Resolve(string part) => part == "시스텀" ? "시스템" : Known.Contains(part) ? part : null;

        Assert.Equal(["타", "시스템"], CompoundWords.Split("타시스텀", Resolve, pair => pair == "타시"));
        Assert.Empty(CompoundWords.Split("누시스텀", Resolve, pair => pair == "타시"));
    }
}
