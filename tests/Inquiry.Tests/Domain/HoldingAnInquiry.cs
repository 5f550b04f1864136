using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Retention;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Domain.Samples;

namespace SupportPlatform.Inquiry.Tests.Domain;

public sealed class HoldingAnInquiry
{
    private const string Reason = "소송 대응 2026가합1234";

    [Fact]
    public void A_hold_is_placed_on_a_submitted_inquiry() =>
        Scenario.Given(Consented, Submitted)
            .When(state => InquiryDecisions.PlaceLegalHold(state, Agent, Reason, Later(1)))
            .Then(new LegalHoldPlaced(InquiryId, Agent.Id, Agent.Name, Reason, Later(1)));

    [Fact]
    public void A_closed_inquiry_can_be_held_too() =>
        Scenario.Given(Consented, Submitted, new InquiryClosed(InquiryId, Agent.Id, Agent.Name, Later(1)))
            .When(state => InquiryDecisions.PlaceLegalHold(state, Agent, Reason, Later(2)))
            .Then(new LegalHoldPlaced(InquiryId, Agent.Id, Agent.Name, Reason, Later(2)));

    [Fact]
    public void A_hold_cannot_be_placed_twice() =>
        Scenario.Given(Consented, Submitted, new LegalHoldPlaced(InquiryId, Agent.Id, Agent.Name, Reason, Later(1)))
            .When(state => InquiryDecisions.PlaceLegalHold(state, OtherAgent, "again", Later(2)))
            .ThenFails(DomainError.AlreadyOnHold);

    [Fact]
    public void A_held_inquiry_is_released() =>
        Scenario.Given(Consented, Submitted, new LegalHoldPlaced(InquiryId, Agent.Id, Agent.Name, Reason, Later(1)))
            .When(state => InquiryDecisions.ReleaseLegalHold(state, OtherAgent, Later(2)))
            .Then(new LegalHoldReleased(InquiryId, OtherAgent.Id, OtherAgent.Name, Later(2)));

    [Fact]
    public void What_is_not_held_cannot_be_released() =>
        Scenario.Given(
                Consented, Submitted,
                new LegalHoldPlaced(InquiryId, Agent.Id, Agent.Name, Reason, Later(1)),
                new LegalHoldReleased(InquiryId, Agent.Id, Agent.Name, Later(2)))
            .When(state => InquiryDecisions.ReleaseLegalHold(state, Agent, Later(3)))
            .ThenFails(DomainError.NotOnHold);

    [Fact]
    public void An_inquiry_that_does_not_exist_cannot_be_held_or_released()
    {
        Scenario.Given().When(state => InquiryDecisions.PlaceLegalHold(state, Agent, Reason, Later(1))).ThenFails(DomainError.NotFound);
        Scenario.Given().When(state => InquiryDecisions.ReleaseLegalHold(state, Agent, Later(1))).ThenFails(DomainError.NotFound);
    }

    [Fact]
    public void Holds_do_not_move_the_retention_clock_nor_the_conversation()
    {
        var placed = new LegalHoldPlaced(InquiryId, Agent.Id, Agent.Name, Reason, Later(5));
        var released = new LegalHoldReleased(InquiryId, Agent.Id, Agent.Name, Later(6));
        var held = InquiryState.Fold([Consented, Submitted, placed])!;
        var afterRelease = InquiryState.Fold([Consented, Submitted, placed, released])!;

        Assert.Null(RetentionIndexProjection.BusinessActivityAt(placed));
        Assert.Null(RetentionIndexProjection.BusinessActivityAt(released));
        Assert.True(held.OnHold);
        Assert.False(afterRelease.OnHold);
        Assert.Equal(SubmittedAt, afterRelease.LastActivityAt);
        Assert.Equal(InquiryStatus.Open, afterRelease.Status);
    }
}
