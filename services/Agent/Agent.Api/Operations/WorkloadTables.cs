using System.Globalization;
using SupportPlatform.Agent.Http;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Operations;

/// <summary>The workload figures of the operations view as its tables: the backlog now, and the intake per week or day and category.</summary>
public static class WorkloadTables
{
    public const string Backlog = "backlog";
    public const string Intake = "intake";
    public const string DailyIntake = "intake-daily";

    private static readonly IReadOnlyDictionary<string, string> AgeLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["<1d"] = "1일 미만 <1d", ["1-3d"] = "1–3일 1–3d", ["3-7d"] = "3–7일 3–7d", ["7-30d"] = "7–30일 7–30d", [">=30d"] = "30일 이상 ≥30d",
    };

    /// <param name="categoryNames">Knowledge's names of the category slugs; a slug without one shows as itself.</param>
    public static IReadOnlyList<ReportTable> From(WorkloadReport report, IReadOnlyDictionary<string, string> categoryNames) =>
        [BacklogTable(report), IntakeTable(report, categoryNames), DailyIntakeTable(report, categoryNames)];

    private static ReportTable BacklogTable(WorkloadReport report)
    {
        var statuses = report.Backlog.Select(b => b.Status).Distinct().ToArray();
        return new ReportTable(
            Backlog,
            "미해결 문의 (경과 기간·상태별) Backlog by age and status",
            [new("경과 Age"), .. statuses.Select(s => new ReportColumn(Display.Status(s), true)), new("합계 Total", true)],
            [.. report.Backlog.GroupBy(b => b.AgeBand).Select(band => (IReadOnlyList<string?>)
            [
                AgeLabels.GetValueOrDefault(band.Key, band.Key),
                .. statuses.Select(s => Number(band.Where(b => b.Status == s).Sum(b => b.Count))),
                Number(band.Sum(b => b.Count)),
            ])]);
    }

    /// <summary>Every week of the period, the empty ones too, with a column per category that had inquiries.</summary>
    private static ReportTable IntakeTable(WorkloadReport report, IReadOnlyDictionary<string, string> categoryNames)
    {
        var categories = report.Intake.Select(i => i.Category).Distinct().OrderBy(c => c is null).ThenBy(c => c, StringComparer.Ordinal).ToArray();
        var rows = new List<IReadOnlyList<string?>>();
        for (var monday = report.From.AddDays(-(((int)report.From.DayOfWeek + 6) % 7)); monday <= report.To; monday = monday.AddDays(7))
        {
            var week = report.Intake.Where(i => i.Monday == monday).ToArray();
            var date = monday.ToDateTime(TimeOnly.MinValue);
            rows.Add(
            [
                string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}"),
                monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                .. categories.Select(c => Number(week.Where(i => i.Category == c).Sum(i => i.Count))),
                Number(week.Sum(i => i.Count)),
            ]);
        }

        return new ReportTable(
            Intake,
            "주별 접수 문의 (분류별) Inquiries per week and category",
            [new("주 Week"), new("시작일 Monday"), .. categories.Select(c => new ReportColumn(SatisfactionTables.CategoryName(c, categoryNames), true)), new("합계 Total", true)],
            rows);
    }

    /// <summary>Every day of the period, the empty ones too, with a column per category that had inquiries.</summary>
    private static ReportTable DailyIntakeTable(WorkloadReport report, IReadOnlyDictionary<string, string> categoryNames)
    {
        var categories = report.DailyIntake.Select(i => i.Category).Distinct().OrderBy(c => c is null).ThenBy(c => c, StringComparer.Ordinal).ToArray();
        var rows = new List<IReadOnlyList<string?>>();
        for (var day = report.From; day <= report.To; day = day.AddDays(1))
        {
            var counts = report.DailyIntake.Where(i => i.Day == day).ToArray();
            rows.Add(
            [
                day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Weekdays[(int)day.DayOfWeek],
                .. categories.Select(c => Number(counts.Where(i => i.Category == c).Sum(i => i.Count))),
                Number(counts.Sum(i => i.Count)),
            ]);
        }

        return new ReportTable(
            DailyIntake,
            "일별 접수 문의 (분류별) Inquiries per day and category",
            [new("날짜 Day"), new("요일 Weekday"), .. categories.Select(c => new ReportColumn(SatisfactionTables.CategoryName(c, categoryNames), true)), new("합계 Total", true)],
            rows);
    }

    private static readonly string[] Weekdays = ["일", "월", "화", "수", "목", "금", "토"];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
