using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries.Rating;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Domain.Samples;

namespace SupportPlatform.Inquiry.Tests.Domain;

public sealed class RatingTheAnswer
{
    private static AgentReplied Replied => new(InquiryId, Guid.NewGuid(), Text, Agent.Id, Agent.Name, Later(1));

    private static InquiryClosed Closed => new(InquiryId, Agent.Id, Agent.Name, Later(2));

    private static SatisfactionSurveyRequested Asked => new(InquiryId, Later(2));

    [Fact]
    public void The_first_close_asks_for_a_rating_and_a_close_after_a_reopen_does_not()
    {
        Scenario.Given(Consented, Submitted, Replied)
            .When(state => InquiryDecisions.Close(state, Agent, Later(2)))
            .Then(Closed, Asked);
        Scenario.Given(Consented, Submitted, Replied, Closed, Asked, new InquiryReopened(InquiryId, Agent.Id, Agent.Name, Later(3)))
            .When(state => InquiryDecisions.Close(state, OtherAgent, Later(4)))
            .Then(new InquiryClosed(InquiryId, OtherAgent.Id, OtherAgent.Name, Later(4)));
    }

    [Fact]
    public void A_rating_counts_for_the_agent_who_answered_last_and_needs_the_survey()
    {
        Scenario.Given(Consented, Submitted, Replied, Closed, Asked)
            .When(state => Satisfaction.Rate(state, 4, Text, Later(5)))
            .Then(new InquiryRated(InquiryId, 4, Text, Agent.Id, Agent.Name, Later(5)));
        Scenario.Given(Consented, Submitted, Replied)
            .When(state => Satisfaction.Rate(state, 4, null, Later(5)))
            .ThenFails(Satisfaction.NotAsked);
    }

    [Fact]
    public void A_rating_carries_the_category_the_inquiry_is_filed_under()
    {
        Scenario.Given(Consented, Submitted, new InquiryCategorised(InquiryId, "spam-filter", Agent.Id, Agent.Name, Later(1)), Replied, Closed, Asked)
            .When(state => Satisfaction.Rate(state, 4, null, Later(5)))
            .Then(new InquiryRated(InquiryId, 4, null, Agent.Id, Agent.Name, Later(5), "spam-filter"));
    }

    [Fact]
    public void A_rating_can_be_changed_for_seven_days_after_it_was_first_given_and_not_after()
    {
        var first = new InquiryRated(InquiryId, 2, null, Agent.Id, Agent.Name, Later(5));
        var second = new InquiryRated(InquiryId, 3, null, Agent.Id, Agent.Name, Later(6));
        var lastMoment = Later(5) + Satisfaction.ChangeWindow;

        Scenario.Given(Consented, Submitted, Replied, Closed, Asked, first, second)
            .When(state => Satisfaction.Rate(state, 5, null, lastMoment))
            .Then(new InquiryRated(InquiryId, 5, null, Agent.Id, Agent.Name, lastMoment));
        Scenario.Given(Consented, Submitted, Replied, Closed, Asked, first, second)
            .When(state => Satisfaction.Rate(state, 5, null, lastMoment.AddTicks(1)))
            .ThenFails(Satisfaction.Final);
    }
}
