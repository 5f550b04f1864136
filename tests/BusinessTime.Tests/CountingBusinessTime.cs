using Xunit;

namespace SupportPlatform.BusinessTime.Tests;

/// <summary>Business-time arithmetic on the default calendar: Monday–Friday 09:00–18:00 Seoul, closed on public holidays.</summary>
public sealed class CountingBusinessTime
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.KoreanDefault();

    /// <summary>A Seoul wall-clock time (UTC+9 all year: Korea has no daylight saving).</summary>
    private static DateTimeOffset Seoul(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    [Fact]
    public void Time_within_a_working_day_counts_as_it_is()
    {
        Assert.Equal(Seoul(2024, 3, 5, 13), Calendar.AddBusinessTime(Seoul(2024, 3, 5, 10), TimeSpan.FromHours(3)));
    }

    [Fact]
    public void The_night_does_not_count()
    {
        Assert.Equal(Seoul(2024, 3, 6, 10), Calendar.AddBusinessTime(Seoul(2024, 3, 5, 17), TimeSpan.FromHours(2)));
        Assert.Equal(Seoul(2024, 3, 6, 10), Calendar.AddBusinessTime(Seoul(2024, 3, 5, 22), TimeSpan.FromHours(1)));
        Assert.Equal(Seoul(2024, 3, 6, 10), Calendar.AddBusinessTime(Seoul(2024, 3, 6, 3), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void The_weekend_does_not_count()
    {
        // Friday 8 March 2024, 17:00 + 2 h = Monday 11 March, 10:00.
        Assert.Equal(Seoul(2024, 3, 11, 10), Calendar.AddBusinessTime(Seoul(2024, 3, 8, 17), TimeSpan.FromHours(2)));
        Assert.Equal(Seoul(2024, 3, 11, 9, 30), Calendar.AddBusinessTime(Seoul(2024, 3, 9, 14), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void The_lunar_new_year_and_its_substitute_do_not_count()
    {
        // Thursday 8 Feb 2024, 17:30 + 1 h: 설날 9–11 Feb and the substitute Monday 12 Feb are closed.
        Assert.Equal(Seoul(2024, 2, 13, 9, 30), Calendar.AddBusinessTime(Seoul(2024, 2, 8, 17, 30), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_target_that_runs_out_at_closing_is_due_at_closing()
    {
        Assert.Equal(Seoul(2024, 3, 5, 18), Calendar.AddBusinessTime(Seoul(2024, 3, 5, 9), TimeSpan.FromHours(9)));
    }

    [Fact]
    public void Instants_in_any_offset_are_read_in_Seoul_time()
    {
        // 00:30 UTC is 09:30 in Seoul; 08:30 UTC on Friday is 17:30 there.
        var start = new DateTimeOffset(2024, 3, 8, 8, 30, 0, TimeSpan.Zero);

        var due = Calendar.AddBusinessTime(start, TimeSpan.FromHours(1));

        Assert.Equal(new DateTimeOffset(2024, 3, 11, 0, 30, 0, TimeSpan.Zero), due);
        // UTC out, whatever came in: PostgreSQL's timestamptz refuses any other offset.
        Assert.Equal(TimeSpan.Zero, Calendar.AddBusinessTime(Seoul(2024, 3, 8, 17, 30), TimeSpan.FromHours(1)).Offset);
    }

    [Fact]
    public void Several_business_days_of_target_skip_every_closed_day_between()
    {
        // 27 hours = three working days. From Friday 4 Oct 2024, 12:00 (개천절 was the 3rd, 한글날 the 9th):
        // Fri 6 h, Mon 9 h, Tue 9 h, Wed 9 is a holiday, Thu 10th 3 h → 12:00.
        Assert.Equal(Seoul(2024, 10, 10, 12), Calendar.AddBusinessTime(Seoul(2024, 10, 4, 12), TimeSpan.FromHours(27)));
    }

    [Fact]
    public void Business_time_between_two_instants_leaves_out_nights_weekends_and_holidays()
    {
        Assert.Equal(TimeSpan.FromHours(2), Calendar.BusinessTimeBetween(Seoul(2024, 3, 8, 17), Seoul(2024, 3, 11, 10)));
        Assert.Equal(TimeSpan.FromMinutes(30), Calendar.BusinessTimeBetween(Seoul(2024, 2, 8, 17, 30), Seoul(2024, 2, 13, 9)));
        Assert.Equal(TimeSpan.Zero, Calendar.BusinessTimeBetween(Seoul(2024, 3, 9, 10), Seoul(2024, 3, 10, 20)));
        Assert.Equal(TimeSpan.FromHours(-2), Calendar.BusinessTimeBetween(Seoul(2024, 3, 11, 10), Seoul(2024, 3, 8, 17)));
    }

    [Theory]
    [InlineData("2024-03-05T10:00:00+09:00", 0)]
    [InlineData("2024-03-08T17:00:00+09:00", 90)]
    [InlineData("2024-02-08T11:00:00+09:00", 420)]
    [InlineData("2025-10-02T20:00:00+09:00", 1)]
    public void Adding_then_measuring_gives_back_the_same_business_time(string start, int minutes)
    {
        var from = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromMinutes(minutes);

        Assert.Equal(duration, Calendar.BusinessTimeBetween(from, Calendar.AddBusinessTime(from, duration)));
    }

    [Fact]
    public void Business_days_between_count_the_working_days_after_the_first_date()
    {
        Assert.Equal(1, Calendar.BusinessDaysBetween(new DateOnly(2024, 3, 8), new DateOnly(2024, 3, 11)));
        Assert.Equal(0, Calendar.BusinessDaysBetween(new DateOnly(2024, 3, 8), new DateOnly(2024, 3, 8)));
        // 추석 2025: 3–9 October are all closed but the 10th.
        Assert.Equal(2, Calendar.BusinessDaysBetween(new DateOnly(2025, 10, 2), new DateOnly(2025, 10, 13)));
        Assert.Equal(-1, Calendar.BusinessDaysBetween(new DateOnly(2024, 3, 11), new DateOnly(2024, 3, 8)));
    }

    [Fact]
    public void Adding_business_days_keeps_the_local_time_and_skips_weekends_and_holidays()
    {
        Assert.Equal(Seoul(2024, 3, 11, 15), Calendar.AddBusinessDays(Seoul(2024, 3, 8, 15), 1));
        Assert.Equal(Seoul(2024, 3, 15, 15), Calendar.AddBusinessDays(Seoul(2024, 3, 8, 15), 5));
        // From a Saturday evening: Monday is the first.
        Assert.Equal(Seoul(2024, 3, 11, 21), Calendar.AddBusinessDays(Seoul(2024, 3, 9, 21), 1));
        // 추석 2025: from Thursday 2 October, the 10th, then Monday the 13th.
        Assert.Equal(Seoul(2025, 10, 13, 11), Calendar.AddBusinessDays(Seoul(2025, 10, 2, 11), 2));
        Assert.Equal(Seoul(2024, 3, 8, 15), Calendar.AddBusinessDays(Seoul(2024, 3, 8, 15), 0));
    }

    [Fact]
    public void A_closure_and_an_extra_working_day_change_the_count()
    {
        var calendar = BusinessCalendar.KoreanDefault(
        [
            new CalendarException(new DateOnly(2025, 1, 27), null, "임시공휴일"),
            new CalendarException(new DateOnly(2025, 2, 1), new WorkingHours(new TimeOnly(10, 0), new TimeOnly(14, 0)), "설 연휴 보충 근무"),
        ]);

        Assert.Equal(4, Calendar.BusinessDaysBetween(new DateOnly(2025, 1, 24), new DateOnly(2025, 2, 4)));
        Assert.Equal(4, calendar.BusinessDaysBetween(new DateOnly(2025, 1, 24), new DateOnly(2025, 2, 4)));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2025, 1, 27)));
        // Friday 24 Jan, 17:00 + 2 h: an hour that Friday, then 31 Jan (the 27th closed, 28–30 설날).
        Assert.Equal(Seoul(2025, 1, 31, 10), calendar.AddBusinessTime(Seoul(2025, 1, 24, 17), TimeSpan.FromHours(2)));
        // Friday 31 Jan, 17:00 + 3 h: an hour that Friday, then Saturday's 10:00–14:00 window.
        Assert.Equal(Seoul(2025, 2, 1, 12), calendar.AddBusinessTime(Seoul(2025, 1, 31, 17), TimeSpan.FromHours(3)));
    }

    [Fact]
    public void The_latest_entry_for_a_date_wins()
    {
        var calendar = BusinessCalendar.KoreanDefault(
        [
            new CalendarException(new DateOnly(2024, 3, 6), null, "창립기념일"),
            new CalendarException(new DateOnly(2024, 3, 6), WorkingHours.NineToSix, "창립기념일 취소"),
        ]);

        Assert.True(calendar.IsBusinessDay(new DateOnly(2024, 3, 6)));
    }

    [Fact]
    public void A_calendar_without_working_hours_is_refused_rather_than_looping()
    {
        var never = new BusinessCalendar(BusinessCalendar.Seoul, new Dictionary<DayOfWeek, WorkingHours>());

        Assert.Throws<InvalidOperationException>(() => never.AddBusinessTime(Seoul(2024, 3, 5, 10), TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(
            BusinessCalendar.Seoul, new Dictionary<DayOfWeek, WorkingHours> { [DayOfWeek.Monday] = new(new TimeOnly(18, 0), new TimeOnly(9, 0)) }));
    }
}
