using SupportPlatform.Inquiry.Domain;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Domain.Samples;

namespace SupportPlatform.Inquiry.Tests.Domain;

public sealed class RankingAndFilingAnInquiry
{
    private static InquiryClosed Closed => new(InquiryId, Agent.Id, Agent.Name, Later(2));

    [Fact]
    public void An_inquiry_starts_at_normal_priority_without_a_category()
    {
        var state = InquiryState.Fold([Consented, Submitted])!;

        Assert.Equal((Priority.Normal, (string?)null), (state.Priority, state.Category));
    }

    [Fact]
    public void An_agent_sets_the_priority_and_setting_it_again_is_nothing_to_do()
    {
        var raised = new InquiryPrioritised(InquiryId, Priority.Urgent, Agent.Id, Agent.Name, Later(1));

        Scenario.Given(Consented, Submitted)
            .When(state => InquiryDecisions.Prioritise(state, Priority.Urgent, Agent, Later(1)))
            .Then(raised);
        Scenario.Given(Consented, Submitted, raised)
            .When(state => InquiryDecisions.Prioritise(state, Priority.Urgent, OtherAgent, Later(2)))
            .Then();
        Scenario.Given(Consented, Submitted)
            .When(state => InquiryDecisions.Prioritise(state, Priority.Normal, Agent, Later(1)))
            .Then();
    }

    [Fact]
    public void A_closed_inquiry_keeps_its_priority_but_can_still_be_filed()
    {
        Scenario.Given(Consented, Submitted, Closed)
            .When(state => InquiryDecisions.Prioritise(state, Priority.High, Agent, Later(3)))
            .ThenFails(DomainError.InquiryIsClosed);
        Scenario.Given(Consented, Submitted, Closed)
            .When(state => InquiryDecisions.Categorise(state, "spam-filter", Agent, Later(3)))
            .Then(new InquiryCategorised(InquiryId, "spam-filter", Agent.Id, Agent.Name, Later(3)));
    }

    [Fact]
    public void Filing_under_the_same_category_again_is_nothing_to_do()
    {
        var filed = new InquiryCategorised(InquiryId, "license", Agent.Id, Agent.Name, Later(1));

        Scenario.Given(Consented, Submitted, filed)
            .When(state => InquiryDecisions.Categorise(state, "license", OtherAgent, Later(2)))
            .Then();
        Assert.Equal("license", InquiryState.Fold([Consented, Submitted, filed])!.Category);
    }

    [Fact]
    public void Nothing_is_ranked_or_filed_on_an_unknown_inquiry()
    {
        Scenario.Given().When(state => InquiryDecisions.Prioritise(state, Priority.High, Agent, Later(1))).ThenFails(DomainError.NotFound);
        Scenario.Given().When(state => InquiryDecisions.Categorise(state, "license", Agent, Later(1))).ThenFails(DomainError.NotFound);
    }
}
