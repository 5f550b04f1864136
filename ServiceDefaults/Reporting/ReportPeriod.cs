using System.Globalization;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.ServiceDefaults.Reporting;

/// <summary>
/// The dates an operations figure covers: <see cref="From"/> to <see cref="To"/>, both included, as
/// days in Korea (the team's days, whatever the server's zone). Figures per week use Korean ISO weeks
/// (<c>2026-W49</c>, Monday 00:00 KST); the first and last week may be cut by the period. Shared by
/// the services whose reports the operations view shows (Inquiry, Knowledge), so they read a period alike.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public const int DefaultWeeks = 8;

    /// <summary>53 weeks: a year compared with the same week of the year before.</summary>
    public const int MaxDays = 53 * 7;

    public static readonly TimeSpan KoreanOffset = TimeSpan.FromHours(9);

    /// <summary>The first moment of the period, in UTC (as PostgreSQL takes it).</summary>
    public DateTimeOffset Start => new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), KoreanOffset).ToUniversalTime();

    /// <summary>The first moment after the period, in UTC.</summary>
    public DateTimeOffset End => new DateTimeOffset(To.AddDays(1).ToDateTime(TimeOnly.MinValue), KoreanOffset).ToUniversalTime();

    /// <summary>Every week the period touches, oldest first, with its Monday.</summary>
    public IEnumerable<(string Week, DateOnly Monday)> Weeks()
    {
        for (var monday = MondayOf(From); monday <= To; monday = monday.AddDays(7))
        {
            yield return (WeekOf(monday), monday);
        }
    }

    /// <summary>The current week and the seven before it, up to today.</summary>
    public static ReportPeriod Default(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.ToOffset(KoreanOffset).DateTime);
        return new ReportPeriod(MondayOf(today).AddDays(-7 * (DefaultWeeks - 1)), today);
    }

    /// <summary>
    /// The period a request names with <c>from</c> and <c>to</c> (<c>yyyy-MM-dd</c>); either left out
    /// is taken from the default. Null, with the reasons in <paramref name="errors"/>, when it cannot be used.
    /// </summary>
    public static ReportPeriod? Read(string? from, string? to, DateTimeOffset now, FieldErrors errors)
    {
        var fallback = Default(now);
        var start = Parse("from", from, fallback.From, errors);
        var end = Parse("to", to, fallback.To, errors);
        if (start is not { } first || end is not { } last)
        {
            return null;
        }

        if (first > last)
        {
            errors.Add("from", "The start date must not be after the end date.");
            return null;
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            errors.Add("to", $"A period covers at most {MaxDays} days (53 weeks).");
            return null;
        }

        return new ReportPeriod(first, last);
    }

    /// <summary>The Korean ISO week of a moment, e.g. <c>2026-W49</c>.</summary>
    public static string WeekOf(DateTimeOffset at) => WeekOf(DateOnly.FromDateTime(at.ToOffset(KoreanOffset).DateTime));

    public static string WeekOf(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}");
    }

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static DateOnly? Parse(string field, string? value, DateOnly fallback, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day.Year is >= 2000 and <= 9998)
        {
            return day;
        }

        errors.Add(field, "A date as yyyy-MM-dd.");
        return null;
    }
}
