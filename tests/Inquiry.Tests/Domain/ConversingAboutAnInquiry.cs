using SupportPlatform.Inquiry.Domain;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Domain.Samples;

namespace SupportPlatform.Inquiry.Tests.Domain;

public sealed class ConversingAboutAnInquiry
{
    private static readonly Guid ReplyId = Guid.Parse("0194a0c2-0000-7000-8000-0000000000f1");
    private static AgentReplied Replied => new(InquiryId, ReplyId, Text, Agent.Id, Agent.Name, Later(1));
    private static InquiryClosed Closed => new(InquiryId, Agent.Id, Agent.Name, Later(2));

    [Fact]
    public void An_agent_reply_answers_the_inquiry() =>
        Scenario.Given(Consented, Submitted)
            .When(state => InquiryDecisions.Reply(state, new ReplyToCustomer(ReplyId, Text, Agent), Later(1)))
            .Then(Replied);

    [Fact]
    public void After_a_reply_the_customer_is_waited_on_and_a_follow_up_turns_it_back()
    {
        var answered = InquiryState.Fold([Consented, Submitted, Replied])!;
        var followedUp = InquiryState.After(answered, new CustomerReplied(InquiryId, Guid.NewGuid(), Text, Later(3)))!;

        Assert.Equal((InquiryStatus.Answered, WaitingOn.Customer), (answered.Status, answered.WaitingOn));
        Assert.Equal((InquiryStatus.Waiting, WaitingOn.Agent), (followedUp.Status, followedUp.WaitingOn));
        Assert.Equal(Later(3), followedUp.LastActivityAt);
    }

    [Fact]
    public void Nobody_replies_to_an_unknown_inquiry() =>
        Scenario.Given()
            .When(state => InquiryDecisions.Reply(state, new ReplyToCustomer(ReplyId, Text, Agent), Later(1)))
            .ThenFails(DomainError.NotFound);

    [Fact]
    public void A_closed_inquiry_takes_no_reply_and_no_follow_up()
    {
        Scenario.Given(Consented, Submitted, Closed)
            .When(state => InquiryDecisions.Reply(state, new ReplyToCustomer(ReplyId, Text, Agent), Later(3)))
            .ThenFails(DomainError.InquiryIsClosed);
        Scenario.Given(Consented, Submitted, Closed)
            .When(state => InquiryDecisions.FollowUp(state, new FollowUp(Guid.NewGuid(), Text), Later(3)))
            .ThenFails(DomainError.InquiryIsClosed);
    }

    [Fact]
    public void A_note_is_allowed_even_when_closed()
    {
        var noteId = Guid.NewGuid();
        Scenario.Given(Consented, Submitted, Closed)
            .When(state => InquiryDecisions.AddNote(state, new AddInternalNote(noteId, Text, Agent), Later(3)))
            .Then(new InternalNoteAdded(InquiryId, noteId, Text, Agent.Id, Agent.Name, Later(3)));
    }

    [Fact]
    public void Closing_twice_is_refused_and_reopening_needs_a_closed_inquiry()
    {
        Scenario.Given(Consented, Submitted, Closed)
            .When(state => InquiryDecisions.Close(state, Agent, Later(3)))
            .ThenFails(DomainError.AlreadyClosed);
        Scenario.Given(Consented, Submitted)
            .When(state => InquiryDecisions.Reopen(state, Agent, Later(3)))
            .ThenFails(DomainError.NotClosed);
    }

    [Fact]
    public void Reopening_returns_to_the_agent_turn()
    {
        Scenario.Given(Consented, Submitted, Replied, Closed)
            .When(state => InquiryDecisions.Reopen(state, OtherAgent, Later(4)))
            .Then(new InquiryReopened(InquiryId, OtherAgent.Id, OtherAgent.Name, Later(4)));

        var neverAnswered = InquiryState.Fold([Consented, Submitted, Closed, new InquiryReopened(InquiryId, Agent.Id, Agent.Name, Later(4))])!;
        var answered = InquiryState.Fold([Consented, Submitted, Replied, Closed, new InquiryReopened(InquiryId, Agent.Id, Agent.Name, Later(4))])!;
        Assert.Equal(InquiryStatus.Open, neverAnswered.Status);
        Assert.Equal(InquiryStatus.Waiting, answered.Status);
    }

    [Fact]
    public void Assigning_to_the_current_assignee_changes_nothing()
    {
        var assigned = new InquiryAssigned(InquiryId, OtherAgent.Id, OtherAgent.Name, Agent.Id, Later(1));
        Scenario.Given(Consented, Submitted)
            .When(state => InquiryDecisions.Assign(state, new AssignInquiry(OtherAgent, Agent), Later(1)))
            .Then(assigned);
        Scenario.Given(Consented, Submitted, assigned)
            .When(state => InquiryDecisions.Assign(state, new AssignInquiry(OtherAgent, Agent), Later(2)))
            .Then();
    }
}
