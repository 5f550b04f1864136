using SupportPlatform.BusinessTime;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries.Prioritising;

namespace SupportPlatform.Inquiry.ServiceLevels.Revising;

/// <summary>Between <see cref="SlaSettings"/> and the contract's rows: whole minutes, lower-case priority names.</summary>
public static class ServiceLevelSettingsViews
{
    public static IReadOnlyList<PriorityTargets> Targets(SlaPolicy policy) =>
        [.. Enum.GetValues<Priority>().Reverse().Select(p => (Priority: p, Targets: policy.Targets[p])).Select(p => new PriorityTargets(
            Prioritise.NameOf(p.Priority),
            (int)p.Targets.FirstResponse.TotalMinutes,
            (int)p.Targets.NextResponse.TotalMinutes,
            (int)p.Targets.Resolution.TotalMinutes))];

    public static IReadOnlyList<CalendarExceptionView> Exceptions(IEnumerable<CalendarException> exceptions) =>
        [.. exceptions.OrderBy(e => e.Date).Select(e => new CalendarExceptionView(e.Date, e.Reason, e.Hours?.Start, e.Hours?.End))];

    /// <summary>The settings the rows describe; the rows are valid (stored, or checked by the endpoint).</summary>
    public static SlaSettings ToSettings(string name, IEnumerable<PriorityTargets> targets, IEnumerable<CalendarExceptionView> exceptions) => new(
        new SlaPolicy(name, targets.ToDictionary(
            t => Prioritise.Parse(t.Priority)!.Value,
            t => new SlaTargets(TimeSpan.FromMinutes(t.FirstResponseMinutes), TimeSpan.FromMinutes(t.NextResponseMinutes), TimeSpan.FromMinutes(t.ResolutionMinutes)))),
        [.. exceptions.OrderBy(e => e.Date).Select(e => new CalendarException(
            e.Date, e is { Start: { } start, End: { } end } ? new WorkingHours(start, end) : null, e.Reason))]);
}
