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
            new(Guid.NewGuid(), "김상담", new TimeFigures(1, 60, 60, 1), new TimeFigures(0, null, null, 0)),
            new(Guid.NewGuid(), "이상담", new TimeFigures(4, 120, 114.5, 3), new TimeFigures(2, 90, 114, 2)),
            new(null, null, new TimeFigures(1, 300, 300, 0), new TimeFigures(1, 300, 300, 1)),
        ]);

        var table = ResponseTimeTables.PerAgent(report);

        Assert.Equal(ResponseTimeTables.Agents, table.Id);
        Assert.Equal(
            [
                ["김상담", "1", "60", "60", "100.0%", "0", null, null, null],
                ["이상담", "4", "120", "114.5", "75.0%", "2", "90", "114", "100.0%"],
                ["답변 없이 종료 Closed without a reply", "1", "300", "300", "0.0%", "1", "300", "300", "100.0%"],
            ],
            table.Rows);
        var csv = Encoding.UTF8.GetString(table.ToCsv()[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "상담원 Agent,첫 응답 건수 First responses,중앙값 Median,p90,달성률 Met,해결 건수 Resolutions,중앙값 Median,p90,달성률 Met",
            csv[0]);
        Assert.Equal("김상담,1,60,60,100.0%,0,,,", csv[1]);
    }
}
