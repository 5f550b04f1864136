using System.Globalization;

namespace SupportPlatform.BusinessTime;

/// <summary>One public holiday: its date, its Korean name, and whether it is a substitute (대체공휴일).</summary>
public sealed record Holiday(DateOnly Date, string Name, bool IsSubstitute = false);

/// <summary>
/// The public holidays of the 「공휴일에 관한 법률」 and 「관공서의 공휴일에 관한 규정」, computed for any
/// year the BCL's <see cref="KoreanLunisolarCalendar"/> covers (to 2050) rather than typed in per year.
/// Election days and 임시공휴일 are announced one at a time; they are closures of a
/// <see cref="BusinessCalendar"/>, not rules here.
/// </summary>
public static class KoreanHolidays
{
    private static readonly KoreanLunisolarCalendar Lunar = new();

    /// <summary>Every holiday of the year, substitutes included, in date order.</summary>
    public static IReadOnlyList<Holiday> In(int year)
    {
        var days = Days(year).ToList();
        var substitutes = Substitutes(year, days);
        return [.. days.Select(d => new Holiday(d.Date, d.Name)).Concat(substitutes).OrderBy(h => h.Date).ThenBy(h => h.IsSubstitute)];
    }

    /// <summary>
    /// When a day of a rule falls on a lost day, the rule earns a substitute from that year on:
    /// 설날·추석 (three-day blocks) only for a Sunday or another holiday, since 2014; the others for a
    /// Saturday, a Sunday or another holiday — 어린이날 since 2014, the 국경일 since 2021,
    /// 부처님오신날 and 성탄절 since 2023. 신정 and 현충일 never do.
    /// </summary>
    private sealed record Rule(string Name, Func<int, IReadOnlyList<DateOnly>> DatesIn, int? SubstituteSince, bool SaturdayCounts, int Since = 0);

    private static readonly Rule[] Rules =
    [
        new("신정", y => [new DateOnly(y, 1, 1)], null, false),
        new("설날", y => Block(LunarDate(y, 1, 1)), 2014, false),
        new("삼일절", y => [new DateOnly(y, 3, 1)], 2021, true),
        new("어린이날", y => [new DateOnly(y, 5, 5)], 2014, true),
        new("부처님오신날", y => [LunarDate(y, 4, 8)], 2023, true),
        new("현충일", y => [new DateOnly(y, 6, 6)], null, false),
        // Back among the public holidays from 2026 (the amendment of 2026-01-29 made every 국경일 one),
        // so it takes the substitute rule of the other 국경일.
        new("제헌절", y => [new DateOnly(y, 7, 17)], 2026, true, Since: 2026),
        new("광복절", y => [new DateOnly(y, 8, 15)], 2021, true),
        new("추석", y => Block(LunarDate(y, 8, 15)), 2014, false),
        new("개천절", y => [new DateOnly(y, 10, 3)], 2021, true),
        new("한글날", y => [new DateOnly(y, 10, 9)], 2021, true),
        new("성탄절", y => [new DateOnly(y, 12, 25)], 2023, true),
    ];

    private sealed record RuleDay(DateOnly Date, string Name, Rule Rule, DateOnly BlockEnd);

    private static IEnumerable<RuleDay> Days(int year) =>
        from rule in Rules
        where year >= rule.Since
        let dates = rule.DatesIn(year)
        from date in dates
        select new RuleDay(date, rule.Name, rule, dates[^1]);

    /// <summary>The day before, the day itself and the day after (설날 and 추석 are three-day holidays).</summary>
    private static DateOnly[] Block(DateOnly day) => [day.AddDays(-1), day, day.AddDays(1)];

    /// <summary>
    /// The Gregorian date of a lunar month and day in the lunar year that starts in <paramref name="year"/>.
    /// In a year with a leap month, the calendar numbers it as an extra month right after the month it
    /// repeats (GetLeapMonth returns 5 for a leap 4th month), so every later month moves up by one;
    /// holidays fall in the ordinary month, never the leap one.
    /// </summary>
    private static DateOnly LunarDate(int year, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(year);
        var index = leap != 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    /// <summary>
    /// The substitutes: on each date, every eligible holiday that falls on a weekend day its rule
    /// counts is lost, and where k holidays share a date, k − 1 are (never more than the eligible ones
    /// there: 2025-05-05, 어린이날 and 부처님오신날 on a Monday, gave one day). Each lost holiday takes
    /// the first day after it (after its whole block for 설날/추석) that is neither a weekend nor a
    /// holiday nor an earlier substitute, in date order.
    /// </summary>
    private static List<Holiday> Substitutes(int year, List<RuleDay> days)
    {
        var taken = days.Select(d => d.Date).ToHashSet();
        var substitutes = new List<Holiday>();
        foreach (var date in days.GroupBy(d => d.Date).OrderBy(g => g.Key))
        {
            var eligible = date.Where(d => d.Rule.SubstituteSince is { } since && year >= since).ToList();
            var onWeekend = eligible.Count(d => d.Date.DayOfWeek == DayOfWeek.Sunday || (d.Rule.SaturdayCounts && d.Date.DayOfWeek == DayOfWeek.Saturday));
            var lost = Math.Min(eligible.Count, onWeekend + date.Count() - 1);
            foreach (var holiday in eligible.OrderBy(d => d.BlockEnd).Take(lost))
            {
                var substitute = holiday.BlockEnd.AddDays(1);
                while (substitute.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || taken.Contains(substitute))
                {
                    substitute = substitute.AddDays(1);
                }

                taken.Add(substitute);
                substitutes.Add(new Holiday(substitute, $"대체공휴일({holiday.Name})", IsSubstitute: true));
            }
        }

        return substitutes;
    }
}
