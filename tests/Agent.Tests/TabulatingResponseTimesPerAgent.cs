extern alias agent;

using System.Text;
using agent::SupportPlatform.Agent.Operations;
using SupportPlatform.Inquiry.Contracts;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>The operations view's per-agent times as the page and its CSV show them: one row per agent, nobody last, empty figures blank.</summary>
public sealed class TabulatingResponseTimesPerAgent
{
    [Fact]
    public void Each_agent_is_a_row_with_first_response_and_resolution_figures_and_the_csv_says_the_same()
    {
        var report = new ResponseTimeReport(new DateOnly(2026, 3, 23), new DateOnly(2026, 3, 29), [],
        [
            new(Guid.NewGuid(), "김상담", new TimeFigures(1, 60, 60, 1), new TimeFigures(0, null, null, 0), new TimeFigures(2, 45, 57, 1)),
            new(Guid.NewGuid(), "이상담", new TimeFigures(4, 120, 114.5, 3), new TimeFigures(2, 90, 114, 2), None),
            new(null, null, new TimeFigures(1, 300, 300, 0), new TimeFigures(1, 300, 300, 1), None),
        ]);

        var table = ResponseTimeTables.PerAgent(report);

        Assert.Equal(ResponseTimeTables.Agents, table.Id);
        Assert.Equal(
            [
                ["김상담", "1", "60", "60", "100.0%", "0", null, null, null, "2", "45", "57", "50.0%"],
                ["이상담", "4", "120", "114.5", "75.0%", "2", "90", "114", "100.0%", "0", null, null, null],
                ["답변 없이 종료 Closed without a reply", "1", "300", "300", "0.0%", "1", "300", "300", "100.0%", "0", null, null, null],
            ],
            table.Rows);
        var csv = Encoding.UTF8.GetString(table.ToCsv()[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "상담원 Agent,첫 응답 건수 First responses,중앙값 Median,p90,달성률 Met,해결 건수 Resolutions,중앙값 Median,p90,달성률 Met,"
            + "후속 응답 건수 Next responses,중앙값 Median,p90,달성률 Met",
            csv[0]);
        Assert.Equal("김상담,1,60,60,100.0%,0,,,,2,45,57,50.0%", csv[1]);
    }

    [Fact]
    public void Next_responses_are_a_table_per_week_and_priority_and_rows_without_one_are_left_out_of_it()
    {
        var monday = new DateOnly(2026, 4, 6);
        var report = new ResponseTimeReport(monday, monday.AddDays(6),
        [
            new("2026-W15", monday, "normal", new TimeFigures(2, 60, 60, 2), None, new TimeFigures(2, 150, 222, 2)),
            new("2026-W15", monday, "urgent", None, None, new TimeFigures(1, 180, 180, 0)),
            new("2026-W15", monday, "high", new TimeFigures(1, 30, 30, 1), None, None),
        ], []);

        var next = ResponseTimeTables.NextResponsesPerWeek(report);
        var times = ResponseTimeTables.From(report);

        Assert.Equal(ResponseTimeTables.NextResponses, next.Id);
        Assert.Equal(
            [
                ["2026-W15 (04-06~)", "보통 Normal", "2", "150", "222", "100.0%"],
                ["2026-W15 (04-06~)", "긴급 Urgent", "1", "180", "180", "0.0%"],
            ],
            next.Rows);
        Assert.Equal("주 Week,우선순위 Priority,후속 응답 건수 Next responses,중앙값 Median,p90,달성률 Met", Encoding.UTF8.GetString(next.ToCsv()[3..]).Split("\r\n")[0]);
        // A week and priority with only next responses is not a row of the first-response and resolution table.
        Assert.Equal(["보통 Normal", "높음 High"], times.Rows.Select(r => r[1]));
    }

    private static readonly TimeFigures None = new(0, null, null, 0);
}
