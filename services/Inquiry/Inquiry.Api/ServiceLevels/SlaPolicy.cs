using SupportPlatform.BusinessTime;
using SupportPlatform.Inquiry.Domain;

namespace SupportPlatform.Inquiry.ServiceLevels;

/// <summary>The business time allowed for the first response, each next response after a customer's follow-up, and the resolution.</summary>
public sealed record SlaTargets(TimeSpan FirstResponse, TimeSpan NextResponse, TimeSpan Resolution);

/// <summary>
/// The targets per priority, under a revision name that every figure computed with it carries, so
/// a figure of the past says which policy it was measured against.
/// </summary>
public sealed record SlaPolicy(string Revision, IReadOnlyDictionary<Priority, SlaTargets> Targets)
{
    /// <summary>In business hours of a nine-hour day: 긴급 answered within the hour and resolved the same day; 낮음 within two days.</summary>
    public static SlaPolicy Default { get; } = new("default", new Dictionary<Priority, SlaTargets>
    {
        [Priority.Urgent] = new(TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(9)),
        [Priority.High] = new(TimeSpan.FromHours(4), TimeSpan.FromHours(4), TimeSpan.FromHours(18)),
        [Priority.Normal] = new(TimeSpan.FromHours(8), TimeSpan.FromHours(8), TimeSpan.FromHours(45)),
        [Priority.Low] = new(TimeSpan.FromHours(18), TimeSpan.FromHours(18), TimeSpan.FromHours(90)),
    });

    public TimeSpan LengthOf(SlaTargetKind kind, Priority priority)
    {
        var targets = Targets[priority];
        return kind switch
        {
            SlaTargetKind.FirstResponse => targets.FirstResponse,
            SlaTargetKind.NextResponse => targets.NextResponse,
            _ => targets.Resolution,
        };
    }
}

/// <summary>The policy and the calendar its business time is counted on: what the SLA read model is computed with.</summary>
public sealed record SlaRules(SlaPolicy Policy, BusinessCalendar Calendar)
{
    public static SlaRules Default { get; } = new(SlaPolicy.Default, BusinessCalendar.KoreanDefault());
}
