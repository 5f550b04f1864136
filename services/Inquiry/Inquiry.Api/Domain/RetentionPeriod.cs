using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportPlatform.Inquiry.Domain;

/// <summary>
/// ISO 8601 date durations (PnYnMnD) applied by the calendar: "P3Y" from 29 Feb lands on 28 Feb,
/// which a TimeSpan of 3 × 365 days would not.
/// </summary>
public static partial class RetentionPeriod
{
    public static DateTimeOffset AddTo(DateTimeOffset start, string isoDuration)
    {
        var match = DatePeriod().Match(isoDuration);
        if (!match.Success || isoDuration == "P")
        {
            throw new FormatException($"'{isoDuration}' is not an ISO 8601 date duration such as P3Y.");
        }

        return start
            .AddYears(Part(match, "y"))
            .AddMonths(Part(match, "m"))
            .AddDays(Part(match, "d"));
    }

    /// <summary>Deadline = last business activity (submission, reply, close) + the consented retention period.</summary>
    public static DateTimeOffset Deadline(DateTimeOffset lastBusinessActivity, string isoDuration) => AddTo(lastBusinessActivity, isoDuration);

    private static int Part(Match match, string name) =>
        match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^P(?:(?<y>\d{1,3})Y)?(?:(?<m>\d{1,4})M)?(?:(?<d>\d{1,5})D)?$")]
    private static partial Regex DatePeriod();
}
