using SupportPlatform.Inquiry.Consent;
using SupportPlatform.Inquiry.Domain;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Domain.Samples;

namespace SupportPlatform.Inquiry.Tests.Domain;

public sealed class SubmittingAnInquiry
{
    [Fact]
    public void Records_the_consent_as_shown_before_the_submission() =>
        Scenario.Given()
            .When(state => InquiryDecisions.Submit(state, Submission(), ConsentPolicy.Current, SubmittedAt))
            .Then(Consented, Submitted);

    [Theory]
    [InlineData(false, "2024-01")]
    [InlineData(true, "2023-07")]
    [InlineData(true, null)]
    public void Without_consent_to_the_current_policy_is_refused(bool accepted, string? version) =>
        Scenario.Given()
            .When(state => InquiryDecisions.Submit(state, Submission(accepted, version), ConsentPolicy.Current, SubmittedAt))
            .ThenFails(DomainError.ConsentRequired);

    [Fact]
    public void Cannot_happen_twice() =>
        Scenario.Given(Consented, Submitted)
            .When(state => InquiryDecisions.Submit(state, Submission(), ConsentPolicy.Current, SubmittedAt))
            .ThenFails(DomainError.AlreadySubmitted);

    [Fact]
    public void Opens_the_inquiry_waiting_on_an_agent()
    {
        var state = InquiryState.Fold([Consented, Submitted])!;

        Assert.Equal(InquiryStatus.Open, state.Status);
        Assert.Equal(WaitingOn.Agent, state.WaitingOn);
        Assert.Equal(SubmittedAt, state.LastActivityAt);
    }

    [Fact]
    public void Consent_alone_is_no_inquiry() => Assert.Null(InquiryState.Fold([Consented]));
}
