using SupportPlatform.BusinessTime;
using SupportPlatform.Inquiry.Domain;

namespace SupportPlatform.Inquiry.ServiceLevels;

/// <summary>
/// The SLA policy and the calendar's dated exceptions from the <c>ServiceLevels</c> section:
/// <c>Revision</c>, <c>Targets:&lt;Priority&gt;:FirstResponse|NextResponse|Resolution</c> (business
/// time, e.g. <c>08:00:00</c>; a priority left out keeps the default) and
/// <c>Calendar:Exceptions</c> (<c>Date</c>, <c>Reason</c>, and <c>Start</c>/<c>End</c> for an extra
/// working day; without them, a closure). A wrong entry stops the service at start, not at the first due time.
/// It is the first service-level revision, and the next one whenever its <c>Revision</c> name is new
/// (<see cref="Revising.ServiceLevelRevisions"/>); admins revise it in the desk from there.
/// </summary>
public static class SlaConfiguration
{
    public const string Section = "ServiceLevels";

    public static SlaRules Read(IConfiguration configuration) => ReadSettings(configuration).ToRules();

    public static SlaSettings ReadSettings(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var targets = new Dictionary<Priority, SlaTargets>(SlaPolicy.Default.Targets);
        foreach (var priority in Enum.GetValues<Priority>())
        {
            var given = section.GetSection($"Targets:{priority}");
            if (!given.Exists())
            {
                continue;
            }

            var fallback = targets[priority];
            var set = new SlaTargets(
                given.GetValue("FirstResponse", fallback.FirstResponse),
                given.GetValue("NextResponse", fallback.NextResponse),
                given.GetValue("Resolution", fallback.Resolution));
            if (set.FirstResponse <= TimeSpan.Zero || set.NextResponse <= TimeSpan.Zero || set.Resolution <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"{Section}:Targets:{priority}: every target must be a positive business time.");
            }

            targets[priority] = set;
        }

        var exceptions = section.GetSection("Calendar:Exceptions").GetChildren().Select(entry =>
        {
            var date = entry.GetValue<DateOnly?>("Date") ?? throw new InvalidOperationException($"{entry.Path}: Date is required.");
            var start = entry.GetValue<TimeOnly?>("Start");
            var end = entry.GetValue<TimeOnly?>("End");
            var hours = (start, end) switch
            {
                (null, null) => null,
                ({ } s, { } e) when e > s => new WorkingHours(s, e),
                _ => throw new InvalidOperationException($"{entry.Path}: an extra working day needs Start before End."),
            };
            return new CalendarException(date, hours, entry.GetValue<string>("Reason") ?? string.Empty);
        }).ToList();

        var revision = section.GetValue<string>("Revision") is { Length: > 0 } named ? named : SlaPolicy.Default.Revision;
        return new SlaSettings(new SlaPolicy(revision, targets), exceptions);
    }
}
