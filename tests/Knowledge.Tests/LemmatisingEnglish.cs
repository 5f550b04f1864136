using SupportPlatform.Knowledge.Searching;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

public sealed class LemmatisingEnglish
{
    [Theory]
    [InlineData("arrive", "arrive")]
    [InlineData("arriving", "arrive")]
    [InlineData("arrived", "arrive")]
    [InlineData("arrives", "arrive")]
    [InlineData("blocked", "block")]
    [InlineData("refused", "refuse")]
    [InlineData("policies", "policy")]
    [InlineData("denied", "deny")]
    [InlineData("connections", "connection")]
    [InlineData("recipients", "recipient")]
    [InlineData("stopped", "stop")]
    [InlineData("configured", "configure")]
    [InlineData("exceeded", "exceed")]
    [InlineData("sent", "send")]
    [InlineData("address", "address")]
    [InlineData("virus", "virus")]
    [InlineData("tms", "tms")]
    [InlineData("4xx", "4xx")]
    public void Inflected_words_go_to_their_lemma(string word, string lemma) => Assert.Equal(lemma, EnglishLemmas.Lemma(word));

    [Fact]
    public void An_english_word_of_the_glossary_also_counts_as_the_articles_korean_word()
    {
        var terms = KoreanText.Analyze("mails never arrived", AnalysisMode.Query).Where(t => t.Kind == TermKind.Word).Select(t => t.Text).ToList();
        Assert.Contains("arrive", terms);
        Assert.Contains("도착", terms);
        Assert.Contains("메일", terms);
    }
}
