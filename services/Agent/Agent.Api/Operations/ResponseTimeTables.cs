using System.Globalization;
using SupportPlatform.Agent.Http;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Operations;

/// <summary>First-response, resolution and next-response times with their SLA attainment, as the operations view's tables.</summary>
public static class ResponseTimeTables
{
    public const string ResponseTimes = "response-times";

    public const string Agents = "response-times-agents";

    public const string NextResponses = "next-responses";

    public static ReportTable From(ResponseTimeReport report) => new(
        ResponseTimes,
        "응답·해결 시간과 SLA 달성률 (업무 시간, 분) Response and resolution times and SLA attainment (business minutes)",
        [
            new("주 Week"), new("우선순위 Priority"),
            new("첫 응답 건수 First responses", true), new("중앙값 Median", true), new("p90", true), new("달성률 Met", true),
            new("해결 건수 Resolutions", true), new("중앙값 Median", true), new("p90", true), new("달성률 Met", true),
        ],
        [.. report.Rows.Where(r => r.FirstResponse.Count + r.Resolution.Count > 0).Select(r => (IReadOnlyList<string?>)
        [
            $"{r.Week} ({r.Monday:MM-dd}~)", Display.Priority(r.Priority), .. Figures(r.FirstResponse), .. Figures(r.Resolution),
        ])]);

    /// <summary>The responses owed after a customer's follow-up or a reopening, per week of completion and priority.</summary>
    public static ReportTable NextResponsesPerWeek(ResponseTimeReport report) => new(
        NextResponses,
        "후속 응답 시간과 SLA 달성률 (업무 시간, 분) Next-response times and SLA attainment (business minutes)",
        [
            new("주 Week"), new("우선순위 Priority"),
            new("후속 응답 건수 Next responses", true), new("중앙값 Median", true), new("p90", true), new("달성률 Met", true),
        ],
        [.. report.Rows.Where(r => r.NextResponse.Count > 0).Select(r => (IReadOnlyList<string?>)
        [
            $"{r.Week} ({r.Monday:MM-dd}~)", Display.Priority(r.Priority), .. Figures(r.NextResponse),
        ])]);

    /// <summary>Per agent over the whole period: the first and next responses each made, the resolutions where each answered last.</summary>
    public static ReportTable PerAgent(ResponseTimeReport report) => new(
        Agents,
        "상담원별 응답·해결 시간 (업무 시간, 분) Response and resolution times per agent (business minutes)",
        [
            new("상담원 Agent"),
            new("첫 응답 건수 First responses", true), new("중앙값 Median", true), new("p90", true), new("달성률 Met", true),
            new("해결 건수 Resolutions", true), new("중앙값 Median", true), new("p90", true), new("달성률 Met", true),
            new("후속 응답 건수 Next responses", true), new("중앙값 Median", true), new("p90", true), new("달성률 Met", true),
        ],
        [.. report.Agents.Select(a => (IReadOnlyList<string?>)
        [
            a.AgentName ?? "답변 없이 종료 Closed without a reply", .. Figures(a.FirstResponse), .. Figures(a.Resolution), .. Figures(a.NextResponse),
        ])]);

    private static string?[] Figures(TimeFigures figures) =>
    [
        figures.Count.ToString(CultureInfo.InvariantCulture),
        figures.MedianMinutes?.ToString("0.#", CultureInfo.InvariantCulture),
        figures.P90Minutes?.ToString("0.#", CultureInfo.InvariantCulture),
        figures.Count == 0 ? null : (figures.Met / (double)figures.Count).ToString("0.0%", CultureInfo.InvariantCulture),
    ];
}
