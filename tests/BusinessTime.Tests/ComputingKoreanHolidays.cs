using Xunit;

namespace SupportPlatform.BusinessTime.Tests;

/// <summary>
/// The computed holidays against the announced ones (한국천문연구원 월력요항, 인사혁신처 for the
/// substitutes). Election days and 임시공휴일 (2024-04-10, 2024-10-01, 2025-01-27, 2025-06-03,
/// 2026-06-03) are announced one at a time and are calendar closures, so they are not expected here.
/// </summary>
public sealed class ComputingKoreanHolidays
{
    public static TheoryData<int, string[]> AnnouncedYears => new()
    {
        {
            // Before the 2023 rule: 부처님오신날 (8 May) and 성탄절 on a Sunday earned nothing; 추석 and 한글날 did.
            2022,
            [
                "01-01", "01-31", "02-01", "02-02", "03-01", "05-05", "05-08", "06-06", "08-15", "09-09", "09-10",
                "09-11", "09-12*", "10-03", "10-09", "10-10*", "12-25",
            ]
        },
        {
            2024,
            [
                "01-01", "02-09", "02-10", "02-11", "02-12*", "03-01", "05-05", "05-06*", "05-15", "06-06", "08-15",
                "09-16", "09-17", "09-18", "10-03", "10-09", "12-25",
            ]
        },
        {
            // 어린이날 and 부처님오신날 share Monday 5 May: one substitute, on the 6th. 추석 takes Sunday 5 October:
            // its substitute is the 8th, the first free day after the block.
            2025,
            [
                "01-01", "01-28", "01-29", "01-30", "03-01", "03-03*", "05-05", "05-05", "05-06*", "06-06", "08-15",
                "10-03", "10-05", "10-06", "10-07", "10-08*", "10-09", "12-25",
            ]
        },
        {
            // 추석 ends on a Saturday: no substitute (Saturdays count only for the single-day holidays).
            2026,
            [
                "01-01", "02-16", "02-17", "02-18", "03-01", "03-02*", "05-05", "05-24", "05-25*", "06-06", "07-17",
                "08-15", "08-17*", "09-24", "09-25", "09-26", "10-03", "10-05*", "10-09", "12-25",
            ]
        },
        {
            // 현충일 on a Sunday has no substitute; 제헌절 on a Saturday follows the other 국경일 (the rule of
            // the 2026 amendment; the 2027 월력요항 is the check once announced).
            2027,
            [
                "01-01", "02-06", "02-07", "02-08", "02-09*", "03-01", "05-05", "05-13", "06-06", "07-17", "07-19*",
                "08-15", "08-16*", "09-14", "09-15", "09-16", "10-03", "10-04*", "10-09", "10-11*", "12-25", "12-27*",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(AnnouncedYears))]
    public void The_computed_holidays_are_the_announced_ones(int year, string[] announced)
    {
        var computed = KoreanHolidays.In(year).Select(h => $"{h.Date:MM-dd}{(h.IsSubstitute ? "*" : "")}");

        Assert.Equal(announced, computed);
    }

    [Fact]
    public void The_lunar_holidays_fall_on_their_lunar_dates_in_leap_month_years_too()
    {
        // 2023 had a leap 2nd month (윤2월) and 2025 a leap 6th month (윤6월): 부처님오신날 2023 is after the
        // leap, 추석 2025 after it too; both must land in the ordinary month.
        Assert.Contains(KoreanHolidays.In(2023), h => h.Name == "부처님오신날" && h.Date == new DateOnly(2023, 5, 27));
        Assert.Contains(KoreanHolidays.In(2025), h => h.Name == "추석" && h.Date == new DateOnly(2025, 10, 6));
        Assert.Contains(KoreanHolidays.In(2020), h => h.Name == "추석" && h.Date == new DateOnly(2020, 10, 1));
    }

    [Fact]
    public void A_substitute_names_the_holiday_it_replaces()
    {
        var substitute = Assert.Single(KoreanHolidays.In(2024), h => h.Date == new DateOnly(2024, 2, 12));

        Assert.Equal("대체공휴일(설날)", substitute.Name);
    }

    [Fact]
    public void A_saturday_buddhas_birthday_got_its_substitute_from_2023_but_not_before()
    {
        // 2023-05-27 was a Saturday and got 29 May; 2022-05-08 was a Sunday and got nothing.
        Assert.Contains(KoreanHolidays.In(2023), h => h.Date == new DateOnly(2023, 5, 29) && h.IsSubstitute);
        Assert.DoesNotContain(KoreanHolidays.In(2022), h => h.IsSubstitute && h.Name.Contains("부처님오신날", StringComparison.Ordinal));
    }

    [Fact]
    public void 제헌절_is_a_holiday_from_2026_only()
    {
        Assert.DoesNotContain(KoreanHolidays.In(2025), h => h.Name == "제헌절");
        Assert.Contains(KoreanHolidays.In(2026), h => h.Name == "제헌절" && h.Date == new DateOnly(2026, 7, 17));
    }
}
