using System.Globalization;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Operations;

/// <summary>The satisfaction figures (고객 만족도) of the operations view as its tables: per week, per agent, per category.</summary>
public static class SatisfactionTables
{
    public const string Weeks = "satisfaction-weeks";
    public const string Agents = "satisfaction-agents";
    public const string Categories = "satisfaction-categories";

    private static readonly ReportColumn[] FigureColumns =
    [
        new("평가 수 Ratings", true), new("평균 Average", true),
        new("1점", true), new("2점", true), new("3점", true), new("4점", true), new("5점", true),
    ];

    /// <param name="categoryNames">Knowledge's names of the category slugs; a slug without one shows as itself.</param>
    public static IReadOnlyList<ReportTable> From(SatisfactionReport report, IReadOnlyDictionary<string, string> categoryNames) =>
    [
        new(Weeks, "주별 만족도 Ratings per week", [new("주 Week"), new("시작일 Monday"), .. FigureColumns],
            [.. report.Weeks.Select(w => Row([w.Week, w.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], w.Figures))]),
        new(Agents, "상담원별 만족도 Ratings per agent", [new("상담원 Agent"), .. FigureColumns],
            [.. report.Agents.Select(a => Row([a.AgentName ?? "답변 전 Before any reply"], a.Figures))]),
        new(Categories, "분류별 만족도 Ratings per category", [new("분류 Category"), .. FigureColumns],
            [.. report.Categories.Select(c => Row([CategoryName(c.Category, categoryNames)], c.Figures))]),
    ];

    /// <summary>The bars of the weekly chart: each week's number of ratings.</summary>
    public static IReadOnlyList<(string Label, long Value)> WeeklyBars(SatisfactionReport report) =>
        [.. report.Weeks.Select(w => ($"{w.Week} ({w.Monday:MM-dd}~)", (long)w.Figures.Ratings))];

    public static string? Average(SatisfactionFigures figures) => figures.AverageScore?.ToString("0.00", CultureInfo.InvariantCulture);

    public static string CategoryName(string? slug, IReadOnlyDictionary<string, string> names) => slug switch
    {
        null => "미분류 Uncategorised",
        _ when names.TryGetValue(slug, out var name) => name,
        _ => slug,
    };

    private static IReadOnlyList<string?> Row(string[] keys, SatisfactionFigures figures) =>
    [
        .. keys,
        figures.Ratings.ToString(CultureInfo.InvariantCulture),
        Average(figures),
        .. figures.ScoreCounts.Select(count => count.ToString(CultureInfo.InvariantCulture)),
    ];
}
