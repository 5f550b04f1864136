extern alias agent;

using System.Text;
using agent::SupportPlatform.Agent.Operations;
using SupportPlatform.Inquiry.Contracts;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>The operations view's intake per day as the page and its CSV show it: every day of the period, a column per category.</summary>
public sealed class TabulatingTheIntake
{
    [Fact]
    public void Every_day_of_the_period_is_a_row_with_its_weekday_and_the_csv_says_the_same()
    {
        var report = new WorkloadReport(new DateOnly(2026, 3, 7), new DateOnly(2026, 3, 9), DateTimeOffset.UnixEpoch, [], [],
        [
            new(new DateOnly(2026, 3, 7), "license", 2),
            new(new DateOnly(2026, 3, 9), "license", 1),
            new(new DateOnly(2026, 3, 9), null, 3),
        ]);

        var table = WorkloadTables.From(report, new Dictionary<string, string> { ["license"] = "라이선스" }).Single(t => t.Id == WorkloadTables.DailyIntake);

        Assert.Equal(
            [
                ["2026-03-07", "토", "2", "0", "2"],
                ["2026-03-08", "일", "0", "0", "0"],
                ["2026-03-09", "월", "1", "3", "4"],
            ],
            table.Rows);
        var csv = Encoding.UTF8.GetString(table.ToCsv()[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("날짜 Day,요일 Weekday,라이선스,미분류 Uncategorised,합계 Total", csv[0]);
        Assert.Equal("2026-03-09,월,1,3,4", csv[3]);
    }
}
