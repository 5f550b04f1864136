using MessageChannels = SupportPlatform.Inquiry.Contracts.MessageChannels;
using SupportPlatform.Inquiry.Domain;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Domain.Samples;

namespace SupportPlatform.Inquiry.Tests.Domain;

/// <summary>Issue 21: what becomes of a customer's emailed answer, and of an email held for an agent.</summary>
public sealed class ReceivingEmailedAnswers
{
    private static readonly Guid MessageId = Guid.Parse("0194a0c2-0000-7000-8000-0000000000e1");
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);
    private static readonly EmailAuthentication Passed = new("spf=pass dkim=pass dmarc=pass", false);
    private static InquiryClosed Closed => new(InquiryId, Agent.Id, Agent.Name, Later(2));

    private static ReceiveEmail Email(bool trusted) => new(MessageId, Text, Text, Text, Passed, trusted, "sender", Window);

    private static CustomerReplied Appended(DateTimeOffset at) => new(InquiryId, MessageId, Text, at, MessageChannels.Email, Text, Passed);

    [Fact]
    public void A_trusted_answer_joins_the_conversation_as_an_email() =>
        Scenario.Given(Consented, Submitted)
            .When(state => InquiryDecisions.ReceiveEmail(state, Email(trusted: true), Later(1)))
            .Then(Appended(Later(1)));

    [Fact]
    public void An_untrusted_answer_is_held_for_an_agent_and_changes_nothing_else()
    {
        Scenario.Given(Consented, Submitted)
            .When(state => InquiryDecisions.ReceiveEmail(state, Email(trusted: false), Later(1)))
            .Then(new CustomerEmailHeld(InquiryId, MessageId, Text, Text, Text, "sender", Passed, Later(1)));

        var state = InquiryState.Fold([Consented, Submitted, new CustomerEmailHeld(InquiryId, MessageId, Text, Text, Text, "sender", Passed, Later(1))])!;
        Assert.Equal((InquiryStatus.Open, SubmittedAt), (state.Status, state.LastActivityAt));
    }

    [Fact]
    public void An_answer_within_the_window_reopens_a_closed_inquiry_and_after_it_is_refused()
    {
        var reopenAt = Later(2) + Window;
        Scenario.Given(Consented, Submitted, Closed)
            .When(state => InquiryDecisions.ReceiveEmail(state, Email(trusted: true), reopenAt))
            .Then(new InquiryReopened(InquiryId, Guid.Empty, InquiryDecisions.CustomerByEmail, reopenAt), Appended(reopenAt));
        Scenario.Given(Consented, Submitted, Closed)
            .When(state => InquiryDecisions.ReceiveEmail(state, Email(trusted: true), reopenAt.AddSeconds(1)))
            .ThenFails(DomainError.ClosedTooLong);
    }

    [Fact]
    public void An_agent_accepts_a_held_email_once_as_the_customers_answer_or_discards_it()
    {
        var held = new CustomerEmailHeld(InquiryId, MessageId, Text, Text, Text, "sender", Passed, Later(1));
        Scenario.Given(Consented, Submitted, held)
            .When(state => InquiryDecisions.ResolveHeldEmail(state, held, alreadyResolved: false, accept: true, Agent, Later(2)))
            .Then(new HeldEmailResolved(InquiryId, MessageId, true, Agent.Id, Agent.Name, Later(2)), Appended(Later(2)));
        Scenario.Given(Consented, Submitted, held)
            .When(state => InquiryDecisions.ResolveHeldEmail(state, held, alreadyResolved: false, accept: false, Agent, Later(2)))
            .Then(new HeldEmailResolved(InquiryId, MessageId, false, Agent.Id, Agent.Name, Later(2)));
        Scenario.Given(Consented, Submitted, held)
            .When(state => InquiryDecisions.ResolveHeldEmail(state, held, alreadyResolved: true, accept: true, Agent, Later(3)))
            .ThenFails(DomainError.NoSuchHeldEmail);
        Scenario.Given(Consented, Submitted)
            .When(state => InquiryDecisions.ResolveHeldEmail(state, null, alreadyResolved: false, accept: true, Agent, Later(3)))
            .ThenFails(DomainError.NoSuchHeldEmail);
    }

    [Fact]
    public void A_web_follow_up_is_marked_as_coming_from_the_web() =>
        Scenario.Given(Consented, Submitted)
            .When(state => InquiryDecisions.FollowUp(state, new FollowUp(MessageId, Text), Later(1)))
            .Then(new CustomerReplied(InquiryId, MessageId, Text, Later(1), MessageChannels.Web));
}
