using SupportPlatform.Inquiry.Inquiries.Queueing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Domain;

public sealed class CuttingSearchTerms
{
    [Fact]
    public void Hangul_runs_become_syllable_bigrams_and_other_words_stay_whole_in_lower_case()
    {
        Assert.Equal(["랜섬", "섬웨", "웨어", "tmse", "72"], SearchTerms.Of("랜섬웨어 TMSe 72"));
    }

    [Fact]
    public void A_word_with_a_particle_still_holds_every_bigram_of_the_bare_word()
    {
        var withParticle = SearchTerms.Of("랜섬웨어가 통과됩니다");

        Assert.Superset(new HashSet<string>(SearchTerms.Of("랜섬웨어")), new HashSet<string>(withParticle));
    }

    [Fact]
    public void Mixed_script_words_split_into_runs_and_single_letters_are_dropped()
    {
        Assert.Equal(["tmse", "스팸", "팸서", "서버"], SearchTerms.Of("TMSe스팸서버, a 가"));
    }

    [Fact]
    public void Decomposed_and_full_width_input_cuts_like_the_composed_form()
    {
        Assert.Equal(SearchTerms.Of("다우 TMSE"), SearchTerms.Of("다우".Normalize(System.Text.NormalizationForm.FormD) + " ＴＭＳＥ"));
    }
}
