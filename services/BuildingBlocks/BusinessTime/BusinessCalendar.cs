using System.Collections.Concurrent;

namespace SupportPlatform.BusinessTime;

/// <summary>The hours a team works on one day, in the calendar's time zone; <see cref="End"/> after <see cref="Start"/>.</summary>
public sealed record WorkingHours(TimeOnly Start, TimeOnly End)
{
    public static readonly WorkingHours NineToSix = new(new TimeOnly(9, 0), new TimeOnly(18, 0));

    public TimeSpan Length => End - Start;
}

/// <summary>
/// One date that departs from the rules: a closure (<see cref="Hours"/> null: a company holiday, an
/// election day, an 임시공휴일) or an extra working day with its hours (a Saturday made up for a bridge day).
/// </summary>
public sealed record CalendarException(DateOnly Date, WorkingHours? Hours, string Reason);

/// <summary>
/// When the support team works: hours per weekday in one time zone (Asia/Seoul by default), no work
/// on Korean public holidays (<see cref="KoreanHolidays"/>), and dated exceptions on top. Business-time
/// arithmetic is pure: the same calendar and instants give the same answer, so a read model rebuilt
/// with a changed calendar explains its figures.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly IReadOnlyDictionary<DayOfWeek, WorkingHours> _week;
    private readonly IReadOnlyDictionary<DateOnly, CalendarException> _exceptions;
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> _holidays = new();

    public BusinessCalendar(TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, WorkingHours> week, IEnumerable<CalendarException>? exceptions = null)
    {
        if (week.Values.Any(h => h.End <= h.Start))
        {
            throw new ArgumentException("Working hours must end after they start.", nameof(week));
        }

        var list = (exceptions ?? []).ToList();
        if (list.Any(e => e.Hours is { } h && h.End <= h.Start))
        {
            throw new ArgumentException("Working hours must end after they start.", nameof(exceptions));
        }

        Zone = zone;
        _week = week;
        // The latest entry for a date wins, so an edit history can be passed in order.
        _exceptions = list.GroupBy(e => e.Date).ToDictionary(g => g.Key, g => g.Last());
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>Korea Standard Time. Seoul has kept UTC+9 without daylight saving since 1988.</summary>
    public static TimeZoneInfo Seoul { get; } = FindSeoul();

    /// <summary>Monday to Friday, 09:00–18:00 in Seoul, closed on public holidays.</summary>
    public static BusinessCalendar KoreanDefault(IEnumerable<CalendarException>? exceptions = null) => new(
        Seoul,
        new Dictionary<DayOfWeek, WorkingHours>
        {
            [DayOfWeek.Monday] = WorkingHours.NineToSix,
            [DayOfWeek.Tuesday] = WorkingHours.NineToSix,
            [DayOfWeek.Wednesday] = WorkingHours.NineToSix,
            [DayOfWeek.Thursday] = WorkingHours.NineToSix,
            [DayOfWeek.Friday] = WorkingHours.NineToSix,
        },
        exceptions);

    /// <summary>The hours worked on a local date, or null when the team does not work that day.</summary>
    public WorkingHours? HoursOn(DateOnly date)
    {
        if (_exceptions.TryGetValue(date, out var exception))
        {
            return exception.Hours;
        }

        return IsPublicHoliday(date) ? null : _week.GetValueOrDefault(date.DayOfWeek);
    }

    public bool IsBusinessDay(DateOnly date) => HoursOn(date) is not null;

    public bool IsPublicHoliday(DateOnly date) =>
        _holidays.GetOrAdd(date.Year, year => [.. KoreanHolidays.In(year).Select(h => h.Date)]).Contains(date);

    /// <summary>
    /// The instant at which <paramref name="duration"/> of working time has passed since
    /// <paramref name="start"/>; time outside working hours does not count, so a start at night or on
    /// a holiday counts from the next opening. A target that runs out exactly at closing is due at closing.
    /// The instant comes back in UTC, as PostgreSQL's <c>timestamptz</c> takes it.
    /// </summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var remaining = duration;
        foreach (var (open, close) in WorkingPeriodsFrom(start))
        {
            var from = open < start ? start : open;
            var available = close - from;
            if (remaining <= available)
            {
                return (from + remaining).ToUniversalTime();
            }

            remaining -= available;
        }

        throw NoWorkingTime();
    }

    /// <summary>Working time between two instants (negative when <paramref name="to"/> is earlier).</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -BusinessTimeBetween(to, from);
        }

        var total = TimeSpan.Zero;
        foreach (var (open, close) in WorkingPeriodsFrom(from))
        {
            if (open >= to)
            {
                break;
            }

            total += (close < to ? close : to) - (open < from ? from : open);
        }

        return total;
    }

    /// <summary>
    /// The business days after <paramref name="from"/>, up to and including <paramref name="to"/>
    /// (local dates): Friday to the next Monday is 1. Zero or negative when <paramref name="to"/> is not later.
    /// </summary>
    public int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -BusinessDaysBetween(to, from);
        }

        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsBusinessDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The same local time <paramref name="days"/> business days after <paramref name="from"/>: Friday
    /// 15:00 plus one is Monday 15:00, or the next working day after a holiday.
    /// </summary>
    public DateTimeOffset AddBusinessDays(DateTimeOffset from, int days)
    {
        var start = LocalDate(from);
        var day = start;
        for (var counted = 0; counted < days; counted += IsBusinessDay(day) ? 1 : 0)
        {
            day = day.AddDays(1);
            if (day.DayNumber - start.DayNumber > 3660)
            {
                throw new InvalidOperationException("The calendar has no working day in ten years.");
            }
        }

        return from.AddDays(day.DayNumber - start.DayNumber);
    }

    /// <summary>The local date of an instant in this calendar's zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>
    /// The working periods that end after <paramref name="start"/>, day by day. Bounded at ten years
    /// without a working day, so a calendar with no working hours fails instead of looping.
    /// </summary>
    private IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> WorkingPeriodsFrom(DateTimeOffset start)
    {
        var day = LocalDate(start);
        var idleDays = 0;
        while (idleDays < 3660)
        {
            if (HoursOn(day) is { } hours)
            {
                var close = At(day, hours.End);
                if (close > start)
                {
                    idleDays = 0;
                    yield return (At(day, hours.Start), close);
                }
            }
            else
            {
                idleDays++;
            }

            day = day.AddDays(1);
        }
    }

    private DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    private static InvalidOperationException NoWorkingTime() => new("The calendar has no working day within ten years.");

    /// <summary>Images without tzdata have no Asia/Seoul; its fixed offset is then the same zone.</summary>
    private static TimeZoneInfo FindSeoul() =>
        TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Seoul", out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("Asia/Seoul", TimeSpan.FromHours(9), "Korea Standard Time", "Korea Standard Time");
}
