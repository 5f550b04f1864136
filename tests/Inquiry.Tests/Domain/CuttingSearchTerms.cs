using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Inquiries.SearchingMessages;
using SupportPlatform.Inquiry.PersonalData;
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

    [Fact]
    public void A_summary_keeps_its_first_200_terms_and_a_message_as_many_as_asked()
    {
        var text = string.Join(' ', Enumerable.Range(0, 500).Select(i => $"w{i}"));

        Assert.Equal(SearchTerms.MaxTermsPerText, SearchTerms.Of(text).Count);
        Assert.Equal(Enumerable.Range(0, 450).Select(i => $"w{i}"), SearchTerms.Of(text, 450));
    }

    [Fact]
    public void The_messages_of_an_inquiry_are_its_summary_and_details_replies_customer_messages_and_notes()
    {
        var (summary, details, body) = (new Sealed("s"), new Sealed("d"), new Sealed("b"));
        var id = Guid.NewGuid();
        var at = DateTimeOffset.UnixEpoch;

        Assert.Equal([summary, details], MessageTexts.Of(new InquirySubmitted(id, new("e"), "h", new("c"), null, summary, details, "t", "ko", null, [], at)));
        Assert.Equal([body], MessageTexts.Of(new AgentReplied(id, Guid.NewGuid(), body, Guid.NewGuid(), "상담원", at)));
        Assert.Equal([body], MessageTexts.Of(new CustomerReplied(id, Guid.NewGuid(), body, at, "email", new Sealed("o"))));
        Assert.Equal([body], MessageTexts.Of(new InternalNoteAdded(id, Guid.NewGuid(), body, Guid.NewGuid(), "상담원", at)));
        Assert.Empty(MessageTexts.Of(new CustomerEmailHeld(id, Guid.NewGuid(), new("f"), body, new("o"), "sender", null, at)));
        Assert.Equal(["summary", "details"], MessageTexts.MembersOf("inquiry_submitted"));
        Assert.All(MessageTexts.EventTypeNames, name => Assert.NotEmpty(MessageTexts.MembersOf(name)));
    }
}
