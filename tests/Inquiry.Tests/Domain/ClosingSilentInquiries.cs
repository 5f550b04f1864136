using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries.AutoClosing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Domain.Samples;

namespace SupportPlatform.Inquiry.Tests.Domain;

/// <summary>Auto-close as decisions: one reminder after N silent days, the close N days after it, and a reply in between cancels.</summary>
public sealed class ClosingSilentInquiries
{
    private const int Days = 5;
    private static readonly Guid NoteId = Guid.Parse("0194a0c2-0000-7000-8000-0000000000c1");
    private static readonly IWaitingDays Plain = new PlainDays();
    private static readonly DateTimeOffset AnsweredAt = Later(1);
    private static AgentReplied Replied => new(InquiryId, Guid.Parse("0194a0c2-0000-7000-8000-0000000000f1"), Text, Agent.Id, Agent.Name, AnsweredAt);

    private static Func<InquiryState?, Decision> AutoCloseAt(DateTimeOffset now) => state => AutoClose.Decide(state, Plain, Days, NoteId, Text, now);

    private static CustomerReminded RemindedOn(int day) => new(InquiryId, AnsweredAt.AddDays(day), AnsweredAt.AddDays(day + Days));

    [Fact]
    public void A_customer_silent_for_n_days_after_a_reply_gets_one_reminder()
    {
        Scenario.Given(Consented, Submitted, Replied).When(AutoCloseAt(AnsweredAt.AddDays(Days).AddTicks(-1))).Then();
        Scenario.Given(Consented, Submitted, Replied).When(AutoCloseAt(AnsweredAt.AddDays(Days))).Then(RemindedOn(Days));
        Scenario.Given(Consented, Submitted, Replied, RemindedOn(Days)).When(AutoCloseAt(AnsweredAt.AddDays(Days + 1))).Then();
    }

    [Fact]
    public void N_days_after_the_reminder_the_inquiry_closes_with_a_note()
    {
        var closesAt = AnsweredAt.AddDays(2 * Days);
        Scenario.Given(Consented, Submitted, Replied, RemindedOn(Days)).When(AutoCloseAt(closesAt.AddTicks(-1))).Then();
        Scenario.Given(Consented, Submitted, Replied, RemindedOn(Days)).When(AutoCloseAt(closesAt)).Then(
            new InquiryClosed(InquiryId, AutoClose.Actor.Id, AutoClose.Actor.Name, closesAt),
            new InternalNoteAdded(InquiryId, NoteId, Text, AutoClose.Actor.Id, AutoClose.Actor.Name, closesAt),
            new SatisfactionSurveyRequested(InquiryId, closesAt));
    }

    [Fact]
    public void A_reminder_sent_late_still_leaves_the_customer_n_days()
    {
        Scenario.Given(Consented, Submitted, Replied, RemindedOn(Days + 2)).When(AutoCloseAt(AnsweredAt.AddDays(2 * Days + 1))).Then();
        Scenario.Given(Consented, Submitted, Replied, RemindedOn(Days + 2)).When(AutoCloseAt(AnsweredAt.AddDays(2 * Days + 2))).Then(
            new InquiryClosed(InquiryId, AutoClose.Actor.Id, AutoClose.Actor.Name, AnsweredAt.AddDays(2 * Days + 2)),
            new InternalNoteAdded(InquiryId, NoteId, Text, AutoClose.Actor.Id, AutoClose.Actor.Name, AnsweredAt.AddDays(2 * Days + 2)),
            new SatisfactionSurveyRequested(InquiryId, AnsweredAt.AddDays(2 * Days + 2)));
    }

    [Fact]
    public void A_customer_reply_between_the_reminder_and_the_close_cancels_it()
    {
        var followedUp = new CustomerReplied(InquiryId, Guid.NewGuid(), Text, AnsweredAt.AddDays(Days + 1));

        Scenario.Given(Consented, Submitted, Replied, RemindedOn(Days), followedUp).When(AutoCloseAt(AnsweredAt.AddDays(3 * Days))).Then();
        Assert.Null(InquiryState.Fold([Consented, Submitted, Replied, RemindedOn(Days), followedUp])!.RemindedAt);
    }

    [Fact]
    public void The_next_reply_starts_the_clock_over_with_a_new_reminder()
    {
        var followedUp = new CustomerReplied(InquiryId, Guid.NewGuid(), Text, AnsweredAt.AddDays(Days + 1));
        var answeredAgain = Replied with { ReplyId = Guid.NewGuid(), RepliedAt = AnsweredAt.AddDays(Days + 2) };

        Scenario.Given(Consented, Submitted, Replied, RemindedOn(Days), followedUp, answeredAgain).When(AutoCloseAt(AnsweredAt.AddDays(2 * Days + 2)))
            .Then(new CustomerReminded(InquiryId, AnsweredAt.AddDays(2 * Days + 2), AnsweredAt.AddDays(3 * Days + 2)));
    }

    [Fact]
    public void Inquiries_not_waiting_on_the_customer_are_left_alone()
    {
        var later = AnsweredAt.AddDays(30);
        Scenario.Given(Consented, Submitted).When(AutoCloseAt(later)).Then();
        Scenario.Given(Consented, Submitted, Replied, new InquiryClosed(InquiryId, Agent.Id, Agent.Name, Later(2))).When(AutoCloseAt(later)).Then();
        Scenario.Given().When(AutoCloseAt(later)).Then();
    }

    [Fact]
    public void The_schedule_counts_days_the_way_the_calendar_given_does()
    {
        var state = InquiryState.Fold([Consented, Submitted, Replied])!;

        Assert.Equal(new AutoCloseSchedule(AnsweredAt.AddDays(Days), AnsweredAt.AddDays(2 * Days)), AutoClose.ScheduleOf(state, Plain, Days));
        Assert.Equal(new AutoCloseSchedule(AnsweredAt.AddDays(2 * Days), AnsweredAt.AddDays(4 * Days)), AutoClose.ScheduleOf(state, new EveryOtherDay(), Days));
    }

    /// <summary>A calendar where only every other day counts, standing in for a business calendar.</summary>
    private sealed class EveryOtherDay : IWaitingDays
    {
        public DateTimeOffset After(DateTimeOffset from, int days) => from.AddDays(2 * days);
    }

    /// <summary>Days of 24 hours, weekends included, so the decisions are read without a calendar.</summary>
    private sealed class PlainDays : IWaitingDays
    {
        public DateTimeOffset After(DateTimeOffset from, int days) => from.AddDays(days);
    }
}
