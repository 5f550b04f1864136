using System.Globalization;
using SupportPlatform.Agent.Http;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Operations;

/// <summary>First-response and resolution times with their SLA attainment, as the operations view's table.</summary>
public static class ResponseTimeTables
{
    public const string ResponseTimes = "response-times";

    public static ReportTable From(ResponseTimeReport report) => new(
        ResponseTimes,
        "응답·해결 시간과 SLA 달성률 (업무 시간, 분) Response and resolution times and SLA attainment (business minutes)",
        [
            new("주 Week"), new("우선순위 Priority"),
            new("첫 응답 건수 First responses", true), new("중앙값 Median", true), new("p90", true), new("달성률 Met", true),
            new("해결 건수 Resolutions", true), new("중앙값 Median", true), new("p90", true), new("달성률 Met", true),
        ],
        [.. report.Rows.Select(r => (IReadOnlyList<string?>)
        [
            $"{r.Week} ({r.Monday:MM-dd}~)", Display.Priority(r.Priority), .. Figures(r.FirstResponse), .. Figures(r.Resolution),
        ])]);

    private static string?[] Figures(TimeFigures figures) =>
    [
        figures.Count.ToString(CultureInfo.InvariantCulture),
        figures.MedianMinutes?.ToString("0.#", CultureInfo.InvariantCulture),
        figures.P90Minutes?.ToString("0.#", CultureInfo.InvariantCulture),
        figures.Count == 0 ? null : (figures.Met / (double)figures.Count).ToString("0.0%", CultureInfo.InvariantCulture),
    ];
}
