namespace SupportPlatform.Agent.AccessRecords.Inspecting;

public enum PatternKind
{
    /// <summary>Many different inquiries opened by one member within a short window.</summary>
    ManyInquiries,

    /// <summary>A view outside Korean working hours (weekdays 08:00–20:00 KST).</summary>
    OutsideWorkingHours,

    /// <summary>Many downloads or exports by one member within a short window.</summary>
    BulkDownload,
}

/// <summary>One flagged pattern: whose, when it started, and which records make it up.</summary>
public sealed record PatternFlag(PatternKind Kind, Guid StaffId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<long> RecordIds);

/// <summary>What counts as unusual (<c>AccessLog:Flags</c>).</summary>
public sealed class PatternThresholds
{
    public int Inquiries { get; set; } = 30;

    public int Downloads { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Working hours in Korean time; outside them (and at weekends) a view is flagged.</summary>
    public int WorkdayStartsHour { get; set; } = 8;

    public int WorkdayEndsHour { get; set; } = 20;
}

/// <summary>
/// The patterns the monthly inspection looks at, found in a list of records. Pure: the records
/// come in, the flags go out, so each rule is tested alone.
/// </summary>
public static class UnusualPatterns
{
    /// <summary>Korea keeps no daylight saving time: a fixed offset is exact.</summary>
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    public static IReadOnlyList<PatternFlag> Find(IEnumerable<AccessRecord> records, PatternThresholds thresholds)
    {
        var ordered = records.OrderBy(r => r.Id).ToList();
        var flags = new List<PatternFlag>();
        foreach (var byStaff in ordered.GroupBy(r => r.StaffId))
        {
            var views = byStaff.Where(r => AccessActions.IsView(r.Action)).ToList();
            flags.AddRange(Bursts(views, thresholds.Window, window => window.Select(r => r.InquiryId).Distinct().Count() >= thresholds.Inquiries, PatternKind.ManyInquiries));
            var downloads = byStaff.Where(r => AccessActions.IsDownload(r.Action)).ToList();
            flags.AddRange(Bursts(downloads, thresholds.Window, window => window.Count >= thresholds.Downloads, PatternKind.BulkDownload));
        }

        flags.AddRange(ordered
            .Where(r => r.Action != AccessActions.TokenIssued && IsOutsideWorkingHours(r.At, thresholds))
            .Select(r => new PatternFlag(PatternKind.OutsideWorkingHours, r.StaffId, r.At, r.At, [r.Id])));
        return [.. flags.OrderBy(f => f.From)];
    }

    public static bool IsOutsideWorkingHours(DateTimeOffset at, PatternThresholds thresholds)
    {
        var local = at.ToOffset(Kst);
        return local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
            || local.Hour < thresholds.WorkdayStartsHour
            || local.Hour >= thresholds.WorkdayEndsHour;
    }

    /// <summary>
    /// Slides a window over one member's records and marks every record inside a window that meets
    /// the rule; marked records no more than a window apart make one flag, so a long burst is one
    /// flag rather than one per record.
    /// </summary>
    private static IEnumerable<PatternFlag> Bursts(IReadOnlyList<AccessRecord> records, TimeSpan window, Func<IReadOnlyList<AccessRecord>, bool> isBurst, PatternKind kind)
    {
        var marked = new SortedSet<int>();
        var start = 0;
        for (var end = 0; end < records.Count; end++)
        {
            while (records[end].At - records[start].At > window)
            {
                start++;
            }

            if (isBurst([.. records.Skip(start).Take(end - start + 1)]))
            {
                marked.UnionWith(Enumerable.Range(start, end - start + 1));
            }
        }

        var run = new List<AccessRecord>();
        foreach (var index in marked)
        {
            if (run.Count > 0 && records[index].At - run[^1].At > window)
            {
                yield return Flag(run);
                run = [];
            }

            run.Add(records[index]);
        }

        if (run.Count > 0)
        {
            yield return Flag(run);
        }

        PatternFlag Flag(List<AccessRecord> burst) => new(kind, burst[0].StaffId, burst[0].At, burst[^1].At, [.. burst.Select(r => r.Id)]);
    }
}
