using SupportPlatform.BusinessTime;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.ServiceLevels;

/// <summary>The contract's names for the SLA fold: kebab-case kinds and standings, minutes of business time.</summary>
public static class ServiceLevelViews
{
    public static ServiceLevelView From(SlaTrack track, BusinessCalendar calendar, DateTimeOffset now) => new(
        track.PolicyRevision,
        [.. track.Targets.Select(t => new SlaTargetView(
            KindName(t.Kind), t.StartedAt, (int)t.Length.TotalMinutes, (int)UsedBy(t, calendar, now).TotalMinutes, t.DueAt, t.CompletedAt,
            StandingName(t.StandingAt(now, calendar))))]);

    public static string KindName(SlaTargetKind kind) => kind switch
    {
        SlaTargetKind.FirstResponse => SlaTargetNames.FirstResponse,
        SlaTargetKind.NextResponse => SlaTargetNames.NextResponse,
        _ => SlaTargetNames.Resolution,
    };

    public static string StandingName(SlaStanding standing) => standing switch
    {
        SlaStanding.OnTime => "on-time",
        SlaStanding.DueSoon => "due-soon",
        SlaStanding.Breached => "breached",
        SlaStanding.Paused => "paused",
        _ => "met",
    };

    /// <summary>A running target has used its stored time plus the business time since it last started.</summary>
    private static TimeSpan UsedBy(SlaTarget target, BusinessCalendar calendar, DateTimeOffset now) =>
        target.RunningSince is { } since && now > since ? target.Used + calendar.BusinessTimeBetween(since, now) : target.Used;
}
