using SupportPlatform.BusinessTime;

namespace SupportPlatform.Inquiry.ServiceLevels;

/// <summary>The editable part of the rules: the policy and the calendar's dated exceptions, as one revision holds them.</summary>
public sealed record SlaSettings(SlaPolicy Policy, IReadOnlyList<CalendarException> Exceptions)
{
    public SlaRules ToRules() => new(Policy, BusinessCalendar.KoreanDefault(Exceptions));
}

/// <summary>
/// The rules in force on this replica: the latest service-level revision. The read models ask it on
/// every event, so a save applies from the next event on; what they measured before stays as
/// measured (naming its revision) until they are rebuilt.
/// </summary>
public sealed class SlaRulesInForce(SlaRules initial)
{
    private volatile SlaRules current = initial;

    public SlaRules Current => current;

    public void Use(SlaRules rules) => current = rules;
}
