using SupportPlatform.BusinessTime;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.ServiceLevels;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Domain.Samples;

namespace SupportPlatform.Inquiry.Tests.Domain;

/// <summary>
/// The SLA fold on the default policy (보통: first and next response 8 business hours, resolution 45)
/// and the default calendar (Monday–Friday 09:00–18:00 Seoul). Tuesday 3 March 2026 follows the
/// substitute holiday for 삼일절 on Monday the 2nd.
/// </summary>
public sealed class TrackingServiceLevels
{
    private static readonly SlaRules Rules = SlaRules.Default;
    private static readonly BusinessCalendar Calendar = Rules.Calendar;

    private static DateTimeOffset Seoul(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    private static InquirySubmitted SubmittedAt(DateTimeOffset at) => Submitted with { SubmittedAt = at };

    private static AgentReplied Reply(DateTimeOffset at) => new(InquiryId, Guid.NewGuid(), Text, Agent.Id, Agent.Name, at);

    private static CustomerReplied FollowUp(DateTimeOffset at) => new(InquiryId, Guid.NewGuid(), Text, at);

    private static SlaTrack Track(params IInquiryEvent[] events) => SlaClock.Fold(events, Rules)!;

    private static SlaTarget Only(SlaTrack track, SlaTargetKind kind) => Assert.Single(track.Targets, t => t.Kind == kind);

    [Fact]
    public void A_submission_on_the_day_after_a_substitute_holiday_is_due_by_business_hours()
    {
        var track = Track(SubmittedAt(Seoul(3, 3, 10)));

        Assert.Equal(Seoul(3, 3, 18), Only(track, SlaTargetKind.FirstResponse).DueAt);
        // 45 h: Tue 8 h, Wed–Fri 27 h, Mon 9 h = 44 h, then Tuesday 10:00.
        Assert.Equal(Seoul(3, 10, 10), Only(track, SlaTargetKind.Resolution).DueAt);
        Assert.Equal(Seoul(3, 3, 18), track.NextDueAt);
        Assert.Equal("default", track.PolicyRevision);
    }

    [Fact]
    public void A_submission_at_night_before_the_weekend_counts_from_monday_morning()
    {
        var track = Track(SubmittedAt(Seoul(3, 6, 21)));

        Assert.Equal(Seoul(3, 9, 17), Only(track, SlaTargetKind.FirstResponse).DueAt);
    }

    [Fact]
    public void A_reply_before_the_target_meets_it_and_one_after_breaches_it()
    {
        var inTime = Only(Track(SubmittedAt(Seoul(3, 3, 10)), Reply(Seoul(3, 3, 17))), SlaTargetKind.FirstResponse);
        var late = Only(Track(SubmittedAt(Seoul(3, 3, 10)), Reply(Seoul(3, 4, 9, 30))), SlaTargetKind.FirstResponse);

        Assert.Equal(SlaStanding.Met, inTime.StandingAt(Seoul(3, 20, 9), Calendar));
        Assert.Equal(TimeSpan.FromHours(7), inTime.Used);
        Assert.Equal(SlaStanding.Breached, late.StandingAt(Seoul(3, 20, 9), Calendar));
        Assert.Equal(TimeSpan.FromHours(8.5), late.Used);
    }

    [Fact]
    public void An_internal_note_is_no_response()
    {
        var note = new InternalNoteAdded(InquiryId, Guid.NewGuid(), Text, Agent.Id, Agent.Name, Seoul(3, 3, 11));
        var assigned = new InquiryAssigned(InquiryId, Agent.Id, Agent.Name, Agent.Id, Seoul(3, 3, 12));

        var first = Only(Track(SubmittedAt(Seoul(3, 3, 10)), note, assigned), SlaTargetKind.FirstResponse);

        Assert.True(first.IsOpen);
        Assert.Equal(SlaStanding.OnTime, first.StandingAt(Seoul(3, 3, 16), Calendar));
        Assert.Equal(SlaStanding.DueSoon, first.StandingAt(Seoul(3, 3, 17, 30), Calendar));
        Assert.Equal(SlaStanding.Breached, first.StandingAt(Seoul(3, 3, 18, 1), Calendar));
    }

    [Fact]
    public void Due_soon_counts_business_time_so_the_evening_before_a_morning_due_is_due_soon()
    {
        var first = Only(Track(SubmittedAt(Seoul(3, 3, 10, 30))), SlaTargetKind.FirstResponse);

        // Due Wednesday 09:30: at 21:00 on Tuesday only 30 business minutes are left.
        Assert.Equal(Seoul(3, 4, 9, 30), first.DueAt);
        Assert.Equal(SlaStanding.DueSoon, first.StandingAt(Seoul(3, 3, 21), Calendar));
    }

    [Fact]
    public void A_follow_up_starts_the_next_response_and_a_reply_meets_it()
    {
        var followedUp = Track(SubmittedAt(Seoul(3, 3, 10)), Reply(Seoul(3, 3, 11)), FollowUp(Seoul(3, 4, 10)));
        var answered = Track(SubmittedAt(Seoul(3, 3, 10)), Reply(Seoul(3, 3, 11)), FollowUp(Seoul(3, 4, 10)), Reply(Seoul(3, 4, 12)));

        var next = Only(followedUp, SlaTargetKind.NextResponse);
        Assert.Equal(Seoul(3, 4, 18), next.DueAt);
        Assert.Equal(Seoul(3, 4, 18), followedUp.NextDueAt);
        Assert.Equal(SlaStanding.Met, Only(answered, SlaTargetKind.NextResponse).StandingAt(Seoul(3, 20, 9), Calendar));
        Assert.Null(answered.NextDueAt);
    }

    [Fact]
    public void A_follow_up_before_the_first_response_owes_no_second_target()
    {
        var track = Track(SubmittedAt(Seoul(3, 3, 10)), FollowUp(Seoul(3, 3, 11)), FollowUp(Seoul(3, 3, 12)));

        Assert.DoesNotContain(track.Targets, t => t.Kind == SlaTargetKind.NextResponse);
        Assert.Equal(Seoul(3, 3, 18), Only(track, SlaTargetKind.FirstResponse).DueAt);
    }

    [Fact]
    public void Waiting_on_the_customer_pauses_the_resolution_clock()
    {
        // 1 h used on Tuesday; the customer answers a week later, Tuesday 10th 10:00; 44 h are left.
        var waiting = Track(SubmittedAt(Seoul(3, 3, 10)), Reply(Seoul(3, 3, 11)));
        var back = Track(SubmittedAt(Seoul(3, 3, 10)), Reply(Seoul(3, 3, 11)), FollowUp(Seoul(3, 10, 10)));

        var paused = Only(waiting, SlaTargetKind.Resolution);
        Assert.False(paused.IsRunning);
        Assert.Equal(SlaStanding.Paused, paused.StandingAt(Seoul(3, 30, 9), Calendar));
        Assert.Null(waiting.NextDueAt);
        var resumed = Only(back, SlaTargetKind.Resolution);
        Assert.Equal(TimeSpan.FromHours(1), resumed.Used);
        // 44 h from Tuesday 10th 10:00: Tue 8, Wed–Fri 27, Mon 9 = 44 → Monday 16th 18:00.
        Assert.Equal(Seoul(3, 16, 18), resumed.DueAt);
    }

    [Fact]
    public void Closing_completes_the_targets_and_reopening_resumes_resolution_and_owes_a_response()
    {
        var closed = Track(SubmittedAt(Seoul(3, 3, 10)), Reply(Seoul(3, 3, 11)), FollowUp(Seoul(3, 3, 13)),
            new InquiryClosed(InquiryId, Agent.Id, Agent.Name, Seoul(3, 3, 14)));
        var reopened = Track(SubmittedAt(Seoul(3, 3, 10)), Reply(Seoul(3, 3, 11)), FollowUp(Seoul(3, 3, 13)),
            new InquiryClosed(InquiryId, Agent.Id, Agent.Name, Seoul(3, 3, 14)),
            new InquiryReopened(InquiryId, Agent.Id, Agent.Name, Seoul(3, 5, 9)));

        Assert.All(closed.Targets, t => Assert.Equal(SlaStanding.Met, t.StandingAt(Seoul(3, 20, 9), Calendar)));
        Assert.Null(closed.NextDueAt);
        var resolution = Only(reopened, SlaTargetKind.Resolution);
        Assert.True(resolution.IsRunning);
        Assert.Equal(TimeSpan.FromHours(2), resolution.Used);
        Assert.Equal(Seoul(3, 5, 9), reopened.Targets[^1].StartedAt);
        Assert.Equal(SlaTargetKind.NextResponse, reopened.Targets[^1].Kind);
        Assert.Equal(Seoul(3, 5, 17), reopened.NextDueAt);
    }

    [Fact]
    public void A_priority_change_keeps_the_time_used_and_never_restarts_the_clock()
    {
        var high = Track(SubmittedAt(Seoul(3, 3, 10)), new InquiryPrioritised(InquiryId, Priority.High, Agent.Id, Agent.Name, Seoul(3, 3, 11)));
        var urgentTooLate = Track(SubmittedAt(Seoul(3, 3, 10)), new InquiryPrioritised(InquiryId, Priority.Urgent, Agent.Id, Agent.Name, Seoul(3, 3, 12)));

        Assert.Equal(Seoul(3, 3, 14), Only(high, SlaTargetKind.FirstResponse).DueAt);
        Assert.Equal(Priority.High, high.Priority);
        var urgent = Only(urgentTooLate, SlaTargetKind.FirstResponse);
        Assert.Equal(Seoul(3, 3, 12), urgent.DueAt);
        Assert.Equal(SlaStanding.Breached, urgent.StandingAt(Seoul(3, 3, 12, 1), Calendar));
    }

    [Fact]
    public void Another_policy_measures_the_same_events_against_its_own_targets()
    {
        var strict = new SlaPolicy("2026-12 strict", Enum.GetValues<Priority>().ToDictionary(
            p => p, _ => new SlaTargets(TimeSpan.FromHours(2), TimeSpan.FromHours(2), TimeSpan.FromHours(9))));

        var track = SlaClock.Fold([SubmittedAt(Seoul(3, 3, 10)), Reply(Seoul(3, 3, 17))], new SlaRules(strict, Calendar))!;

        Assert.Equal("2026-12 strict", track.PolicyRevision);
        Assert.Equal(SlaStanding.Breached, Only(track, SlaTargetKind.FirstResponse).StandingAt(Seoul(3, 20, 9), Calendar));
    }
}
