using System.Text.Json.Serialization;
using SupportPlatform.BusinessTime;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.ServiceLevels.Warning;

namespace SupportPlatform.Inquiry.ServiceLevels;

public enum SlaTargetKind
{
    FirstResponse,
    NextResponse,
    Resolution,
}

/// <summary>How a target stands at a moment: met or breached once completed; otherwise on time, due within a business hour, breached, or paused (the customer's turn).</summary>
public enum SlaStanding
{
    OnTime,
    DueSoon,
    Breached,
    Paused,
    Met,
}

/// <summary>
/// One target on one inquiry. <see cref="Used"/> is the business time spent before
/// <see cref="RunningSince"/> (the clock stops while the customer has the turn and adds up again
/// after), so a pause never resets it and a priority change only changes <see cref="Length"/>.
/// <see cref="DueAt"/> is when it runs out if it keeps running; it stays as last computed while paused.
/// <see cref="Warned"/> is the last warning raised for it (<see cref="SlaWarnings"/>).
/// </summary>
public sealed record SlaTarget(
    SlaTargetKind Kind,
    DateTimeOffset StartedAt,
    TimeSpan Length,
    TimeSpan Used,
    DateTimeOffset? RunningSince,
    DateTimeOffset DueAt,
    DateTimeOffset? CompletedAt,
    SlaThreshold? Warned = null)
{
    // Derived, so left out of the stored read model (a million queue rows carry these targets).
    [JsonIgnore]
    public bool IsOpen => CompletedAt is null;

    [JsonIgnore]
    public bool IsRunning => RunningSince is not null;

    /// <summary>A completed target was met when it used no more than its length.</summary>
    [JsonIgnore]
    public bool WasMet => CompletedAt is not null && Used <= Length;

    public SlaStanding StandingAt(DateTimeOffset now, BusinessCalendar calendar)
    {
        if (CompletedAt is not null)
        {
            return WasMet ? SlaStanding.Met : SlaStanding.Breached;
        }

        if (RunningSince is null)
        {
            return Used > Length ? SlaStanding.Breached : SlaStanding.Paused;
        }

        if (now >= DueAt)
        {
            return SlaStanding.Breached;
        }

        return calendar.BusinessTimeBetween(now, DueAt) <= TimeSpan.FromHours(1) ? SlaStanding.DueSoon : SlaStanding.OnTime;
    }
}

/// <summary>The SLA targets of one inquiry as its events unfold, with the policy revision they were measured against.</summary>
public sealed record SlaTrack(string PolicyRevision, Priority Priority, IReadOnlyList<SlaTarget> Targets)
{
    /// <summary>The earliest due time among the running targets: what the agent must meet next. Null while nothing runs.</summary>
    [JsonIgnore]
    public DateTimeOffset? NextDueAt => Targets.Where(t => t.IsRunning).Select(t => (DateTimeOffset?)t.DueAt).Min();
}

/// <summary>
/// The pure fold of an inquiry's events into its <see cref="SlaTrack"/>, in business time:
/// <list type="bullet">
/// <item>submission starts the first-response and resolution targets;</item>
/// <item>an agent's reply meets the open response target and pauses resolution (the customer's turn);
/// an internal note, an assignment or a priority change answers nobody and meets nothing;</item>
/// <item>a customer's follow-up after the first response starts a next-response target and resumes resolution;</item>
/// <item>closing completes whatever is open; reopening resumes resolution with the time it had used and owes the customer a next response;</item>
/// <item>a warning marks its target as warned, so it is raised once (<see cref="SlaWarnings"/>).</item>
/// </list>
/// </summary>
public static class SlaClock
{
    public static SlaTrack? After(SlaTrack? track, IInquiryEvent @event, SlaRules rules)
    {
        var (policy, calendar) = (rules.Policy, rules.Calendar);
        SlaTarget Start(SlaTargetKind kind, Priority priority, DateTimeOffset at)
        {
            var length = policy.LengthOf(kind, priority);
            return new SlaTarget(kind, at, length, TimeSpan.Zero, at, calendar.AddBusinessTime(at, length), null);
        }

        if (track is null)
        {
            return @event is InquirySubmitted submitted
                ? new SlaTrack(policy.Revision, Priority.Normal, [
                    Start(SlaTargetKind.FirstResponse, Priority.Normal, submitted.SubmittedAt),
                    Start(SlaTargetKind.Resolution, Priority.Normal, submitted.SubmittedAt)])
                : null;
        }

        IReadOnlyList<SlaTarget> targets = track.Targets;
        switch (@event)
        {
            case AgentReplied e:
                targets = [.. targets.Select(t => t.IsOpen && t.Kind != SlaTargetKind.Resolution ? Complete(t, e.RepliedAt, calendar)
                    : t.IsOpen ? Pause(t, e.RepliedAt, calendar) : t)];
                break;
            case CustomerReplied e:
                var owed = targets.Any(t => t.IsOpen && t.Kind != SlaTargetKind.Resolution);
                targets = [.. targets.Select(t => t.IsOpen && t.Kind == SlaTargetKind.Resolution ? Resume(t, e.RepliedAt, calendar) : t)];
                if (!owed)
                {
                    targets = [.. targets, Start(SlaTargetKind.NextResponse, track.Priority, e.RepliedAt)];
                }

                break;
            case InquiryClosed e:
                targets = [.. targets.Select(t => t.IsOpen ? Complete(t, e.ClosedAt, calendar) : t)];
                break;
            case InquiryReopened e:
                // The last resolution target continues where it stopped; earlier response targets stay as met.
                var resolution = targets.Last(t => t.Kind == SlaTargetKind.Resolution);
                targets = [.. targets.Select(t => ReferenceEquals(t, resolution) ? Resume(t with { CompletedAt = null }, e.ReopenedAt, calendar) : t),
                    Start(SlaTargetKind.NextResponse, track.Priority, e.ReopenedAt)];
                break;
            case SlaWarningRaised e:
                targets = [.. targets.Select(t => t.Kind == e.Target && t.StartedAt == e.TargetStartedAt && (t.Warned is null || t.Warned < e.Threshold)
                    ? t with { Warned = e.Threshold } : t)];
                break;
            case InquiryPrioritised e:
                targets = [.. targets.Select(t => t.IsOpen ? Relength(t, policy.LengthOf(t.Kind, e.Priority), e.SetAt, calendar) : t)];
                return track with { Priority = e.Priority, Targets = targets };
            default:
                return track;
        }

        return track with { Targets = targets };
    }

    /// <summary>Folds the whole stream: what the inquiry page shows, and what a rebuild of the read model arrives at.</summary>
    public static SlaTrack? Fold(IEnumerable<IInquiryEvent> events, SlaRules rules) =>
        events.Aggregate((SlaTrack?)null, (track, e) => After(track, e, rules));

    private static SlaTarget Stop(SlaTarget target, DateTimeOffset at, BusinessCalendar calendar) => target.RunningSince is { } since
        ? target with { Used = target.Used + calendar.BusinessTimeBetween(since, at), RunningSince = null }
        : target;

    private static SlaTarget Pause(SlaTarget target, DateTimeOffset at, BusinessCalendar calendar) => Stop(target, at, calendar);

    private static SlaTarget Complete(SlaTarget target, DateTimeOffset at, BusinessCalendar calendar) => Stop(target, at, calendar) with { CompletedAt = at };

    private static SlaTarget Resume(SlaTarget target, DateTimeOffset at, BusinessCalendar calendar)
    {
        if (target.IsRunning)
        {
            return target;
        }

        // Already over its length: it stays due when it ran out.
        var left = target.Length - target.Used;
        return target with { RunningSince = at, DueAt = left > TimeSpan.Zero ? calendar.AddBusinessTime(at, left) : target.DueAt };
    }

    /// <summary>
    /// A new length from now on, keeping the time used (an update never restarts a clock). A target
    /// already past its new length is due at the change.
    /// </summary>
    private static SlaTarget Relength(SlaTarget target, TimeSpan length, DateTimeOffset at, BusinessCalendar calendar)
    {
        if (!target.IsRunning)
        {
            return target with { Length = length };
        }

        var stopped = Stop(target, at, calendar);
        var left = length - stopped.Used;
        return stopped with
        {
            Length = length,
            RunningSince = at,
            DueAt = left > TimeSpan.Zero ? calendar.AddBusinessTime(at, left) : at,
        };
    }
}
