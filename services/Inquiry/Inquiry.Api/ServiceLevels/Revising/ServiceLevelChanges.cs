using System.Globalization;
using SupportPlatform.BusinessTime;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries.Prioritising;

namespace SupportPlatform.Inquiry.ServiceLevels.Revising;

/// <summary>
/// What one revision changed against the one before it, item by item: a target in minutes
/// (<c>urgent.first-response</c>) or a calendar date. Pure, so the history explains itself without
/// keeping a copy of the form.
/// </summary>
public static class ServiceLevelChanges
{
    public static IReadOnlyList<ServiceLevelChange> Between(SlaSettings? before, SlaSettings after)
    {
        var changes = new List<ServiceLevelChange>();
        foreach (var priority in Enum.GetValues<Priority>().Reverse())
        {
            foreach (var kind in Enum.GetValues<SlaTargetKind>())
            {
                var was = before?.Policy.LengthOf(kind, priority);
                var now = after.Policy.LengthOf(kind, priority);
                if (was != now)
                {
                    changes.Add(new($"{Prioritise.NameOf(priority)}.{ServiceLevelViews.KindName(kind)}", Minutes(was), Minutes(now)));
                }
            }
        }

        var old = (before?.Exceptions ?? []).ToDictionary(e => e.Date);
        var current = after.Exceptions.ToDictionary(e => e.Date);
        foreach (var date in old.Keys.Union(current.Keys).Order())
        {
            var was = old.TryGetValue(date, out var o) ? Describe(o) : null;
            var now = current.TryGetValue(date, out var n) ? Describe(n) : null;
            if (was != now)
            {
                changes.Add(new(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), was, now));
            }
        }

        return changes;
    }

    /// <summary>"closed: reason", or "10:00-14:00: reason" for an extra working day.</summary>
    public static string Describe(CalendarException exception) => exception.Hours is { } hours
        ? $"{hours.Start:HH\\:mm}-{hours.End:HH\\:mm}: {exception.Reason}"
        : $"closed: {exception.Reason}";

    private static string? Minutes(TimeSpan? length) => length is { } l ? ((long)l.TotalMinutes).ToString(CultureInfo.InvariantCulture) : null;
}
