using SupportPlatform.BusinessTime;
using SupportPlatform.Inquiry.Domain;

namespace SupportPlatform.Inquiry.ServiceLevels.Warning;

/// <summary>The two moments a running target is warned of: when 80 % of its business time is used, and when it runs out.</summary>
public enum SlaThreshold
{
    Approaching,
    Breached,
}

/// <summary>
/// When the SLA warnings fall due, as pure functions of an inquiry's <see cref="SlaTrack"/>. Only a
/// running target warns: one met (or completed by a close) before its threshold never does, and one
/// paused while the customer has the turn waits until it runs again. Each target warns at most once
/// per threshold (<see cref="SlaTarget.Warned"/> records the last one raised), and a warning late
/// enough that the target has already run out skips the 80 % one: the team hears "breached", not two
/// emails in the same minute.
/// </summary>
public static class SlaWarnings
{
    /// <summary>The share of the target's business time after which it is "approaching".</summary>
    public const double ApproachingShare = 0.8;

    /// <summary>When the target's next warning falls due; null for a target that is completed, paused or warned of its breach.</summary>
    public static DateTimeOffset? NextAt(SlaTarget target, BusinessCalendar calendar)
    {
        if (!target.IsOpen || target.RunningSince is not { } since || target.Warned == SlaThreshold.Breached)
        {
            return null;
        }

        return target.Warned is null ? ApproachingAt(target, since, calendar) : target.DueAt;
    }

    /// <summary>The earliest warning any target of the track owes; what the sweep looks for in the queue (<c>warn_at</c>).</summary>
    public static DateTimeOffset? NextAt(SlaTrack track, BusinessCalendar calendar) =>
        track.Targets.Select(t => NextAt(t, calendar)).Min();

    /// <summary>
    /// The warnings due at <paramref name="now"/>, at most one per target: the highest threshold it has
    /// crossed and not been warned of, addressed to <paramref name="assigneeId"/> (null: the team).
    /// </summary>
    public static IReadOnlyList<SlaWarningRaised> DueAt(Guid inquiryId, Guid? assigneeId, SlaTrack track, BusinessCalendar calendar, DateTimeOffset now) =>
        [.. track.Targets
            .Where(t => NextAt(t, calendar) is { } at && at <= now)
            .Select(t => new SlaWarningRaised(inquiryId, t.Kind, t.StartedAt, now >= t.DueAt ? SlaThreshold.Breached : SlaThreshold.Approaching, t.DueAt, now, assigneeId))];

    /// <summary>80 % of the length in business time, counted from the start with the time already used; at once for a target resumed past it.</summary>
    private static DateTimeOffset ApproachingAt(SlaTarget target, DateTimeOffset runningSince, BusinessCalendar calendar)
    {
        var left = TimeSpan.FromTicks((long)(target.Length.Ticks * ApproachingShare)) - target.Used;
        return left > TimeSpan.Zero ? calendar.AddBusinessTime(runningSince, left) : runningSince;
    }
}
