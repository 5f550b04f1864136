using SupportPlatform.BusinessTime;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.ServiceLevels;
using SupportPlatform.Inquiry.ServiceLevels.Warning;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Domain.Samples;

namespace SupportPlatform.Inquiry.Tests.Domain;

/// <summary>
/// When SLA warnings fall due (<see cref="SlaWarnings"/>), on the default policy (보통: first response
/// 8 business hours, so 80 % is 6 h 24 min; 긴급: 1 h) and calendar (Monday–Friday 09:00–18:00 Seoul).
/// Tuesday 3 March 2026 follows the substitute holiday for 삼일절.
/// </summary>
public sealed class WarningOfServiceLevels
{
    private static readonly SlaRules Rules = SlaRules.Default;
    private static readonly BusinessCalendar Calendar = Rules.Calendar;

    private static DateTimeOffset Seoul(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    private static SlaTrack Track(params IInquiryEvent[] events) => SlaClock.Fold(events, Rules)!;

    private static InquirySubmitted SubmittedAt(DateTimeOffset at) => Submitted with { SubmittedAt = at };

    private static AgentReplied Reply(DateTimeOffset at) => new(InquiryId, Guid.NewGuid(), Text, Agent.Id, Agent.Name, at);

    private static CustomerReplied FollowUp(DateTimeOffset at) => new(InquiryId, Guid.NewGuid(), Text, at);

    private static IReadOnlyList<(SlaTargetKind, SlaThreshold)> Due(SlaTrack track, DateTimeOffset now) =>
        [.. SlaWarnings.DueAt(InquiryId, null, track, Calendar, now).Select(w => (w.Target, w.Threshold))];

    /// <summary>Raises what is due at <paramref name="now"/>, as the sweep appends it, and folds it in.</summary>
    private static (SlaTrack Track, IReadOnlyList<SlaWarningRaised> Raised) Raise(SlaTrack track, DateTimeOffset now)
    {
        var raised = SlaWarnings.DueAt(InquiryId, null, track, Calendar, now);
        return (raised.Aggregate(track, (t, e) => SlaClock.After(t, e, Rules)!), raised);
    }

    [Fact]
    public void The_first_response_warns_at_80_percent_of_its_business_time_and_again_at_its_due_time_once_each()
    {
        var track = Track(SubmittedAt(Seoul(3, 3, 10)));

        Assert.Equal(Seoul(3, 3, 16, 24), SlaWarnings.NextAt(track, Calendar));
        Assert.Empty(Due(track, Seoul(3, 3, 16, 23)));
        var (approached, raised) = Raise(track, Seoul(3, 3, 16, 24));
        var warning = Assert.Single(raised);
        Assert.Equal((SlaTargetKind.FirstResponse, SlaThreshold.Approaching, Seoul(3, 3, 10), Seoul(3, 3, 18)), (warning.Target, warning.Threshold, warning.TargetStartedAt, warning.DueAt));

        Assert.Empty(Due(approached, Seoul(3, 3, 17, 59)));
        Assert.Equal(Seoul(3, 3, 18), SlaWarnings.NextAt(approached, Calendar));
        var (breached, atDue) = Raise(approached, Seoul(3, 3, 18));
        Assert.Equal([(SlaTargetKind.FirstResponse, SlaThreshold.Breached)], atDue.Select(w => (w.Target, w.Threshold)));

        // Nothing more of the first response; next is the resolution's 80 % (36 of 45 h: Tue 8, Wed–Fri 27, Mon 09:00–10:00).
        Assert.Empty(Due(breached, Seoul(3, 4, 12)));
        Assert.Equal(Seoul(3, 9, 10), SlaWarnings.NextAt(breached, Calendar));
    }

    [Fact]
    public void The_80_percent_point_is_counted_in_business_time_across_the_weekend()
    {
        // Friday 15:00: 3 h on Friday, the remaining 3 h 24 min on Monday.
        Assert.Equal(Seoul(3, 9, 12, 24), SlaWarnings.NextAt(Track(SubmittedAt(Seoul(3, 6, 15))), Calendar));
    }

    [Fact]
    public void A_target_met_before_80_percent_never_warns_and_the_paused_resolution_does_not_either()
    {
        var answered = Track(SubmittedAt(Seoul(3, 3, 10)), Reply(Seoul(3, 3, 16, 23)));

        Assert.Null(SlaWarnings.NextAt(answered, Calendar));
        Assert.Empty(Due(answered, Seoul(4, 30, 12)));
    }

    [Fact]
    public void A_follow_up_resumes_the_resolution_with_its_used_time_and_starts_a_next_response_that_warns_on_its_own()
    {
        // Resolution used 1 h before the reply; the follow-up on Wednesday 09:00 resumes it and starts an 8 h next response.
        var followedUp = Track(SubmittedAt(Seoul(3, 3, 10)), Reply(Seoul(3, 3, 11)), FollowUp(Seoul(3, 4, 9)));

        Assert.Equal(Seoul(3, 4, 15, 24), SlaWarnings.NextAt(followedUp, Calendar));
        Assert.Equal([(SlaTargetKind.NextResponse, SlaThreshold.Approaching)], Due(followedUp, Seoul(3, 4, 15, 24)));
    }

    [Fact]
    public void A_sweep_that_comes_after_the_due_time_sends_only_the_breach()
    {
        var track = Track(SubmittedAt(Seoul(3, 3, 10)));

        var (breached, raised) = Raise(track, Seoul(3, 4, 9, 30));

        Assert.Equal([(SlaTargetKind.FirstResponse, SlaThreshold.Breached)], raised.Select(w => (w.Target, w.Threshold)));
        Assert.Empty(Due(breached, Seoul(3, 4, 17)));
    }

    [Fact]
    public void A_shorter_target_after_a_priority_change_warns_at_once_when_already_past_80_percent()
    {
        // 50 minutes used, then 긴급: 48 of its 60 minutes are already gone.
        var urgent = Track(SubmittedAt(Seoul(3, 3, 10)), new InquiryPrioritised(InquiryId, Priority.Urgent, Agent.Id, Agent.Name, Seoul(3, 3, 10, 50)));

        Assert.Equal(Seoul(3, 3, 10, 50), SlaWarnings.NextAt(Only(urgent, SlaTargetKind.FirstResponse), Calendar));
        Assert.Equal([(SlaTargetKind.FirstResponse, SlaThreshold.Approaching)], Due(urgent, Seoul(3, 3, 10, 51)));
        Assert.Equal([(SlaTargetKind.FirstResponse, SlaThreshold.Breached)], Due(urgent, Seoul(3, 3, 11)));
    }

    [Fact]
    public void A_reopened_resolution_already_warned_at_80_percent_warns_only_of_its_breach()
    {
        // 긴급: resolution 9 h, so 80 % is Tuesday 17:12 after a 10:00 submission (the first response ran out at 11:00).
        var urgent = Track(SubmittedAt(Seoul(3, 3, 10)), new InquiryPrioritised(InquiryId, Priority.Urgent, Agent.Id, Agent.Name, Seoul(3, 3, 10)));
        var (warned, raised) = Raise(urgent, Seoul(3, 3, 17, 12));
        Assert.Equal(
            [(SlaTargetKind.FirstResponse, SlaThreshold.Breached), (SlaTargetKind.Resolution, SlaThreshold.Approaching)],
            raised.Select(w => (w.Target, w.Threshold)));

        var closed = SlaClock.After(warned, new InquiryClosed(InquiryId, Agent.Id, Agent.Name, Seoul(3, 3, 17, 30)), Rules)!;
        var reopened = SlaClock.After(closed, new InquiryReopened(InquiryId, Agent.Id, Agent.Name, Seoul(3, 4, 9)), Rules)!;

        // 7 h 30 min used: the resolution resumes due at 10:30, and its next warning is the breach.
        Assert.Empty(Due(reopened, Seoul(3, 4, 9)));
        Assert.Equal(Seoul(3, 4, 10, 30), SlaWarnings.NextAt(Only(reopened, SlaTargetKind.Resolution), Calendar));
        Assert.Equal([(SlaTargetKind.Resolution, SlaThreshold.Breached)], Due(reopened, Seoul(3, 4, 10, 30)));
    }

    private static SlaTarget Only(SlaTrack track, SlaTargetKind kind) => Assert.Single(track.Targets, t => t.Kind == kind);
}
