using Npgsql;
using SupportPlatform.ServiceDefaults.Http;
using SupportPlatform.ServiceDefaults.Reporting;

namespace SupportPlatform.Knowledge.Reports;

/// <summary>
/// The period of Knowledge's reports: the operations view's <see cref="ReportPeriod"/> when the
/// request names <c>from</c> or <c>to</c>, all time when it names neither (as the reports were
/// before they took a period, for callers that want everything).
/// </summary>
public static class KnowledgeReportPeriod
{
    /// <summary>False, with the reasons in <paramref name="errors"/>, when the dates cannot be used; a null period is all time.</summary>
    public static bool TryRead(string? from, string? to, TimeProvider time, FieldErrors errors, out ReportPeriod? period)
    {
        period = null;
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to))
        {
            return true;
        }

        period = ReportPeriod.Read(from, to, time.GetUtcNow(), errors);
        return period is not null;
    }

    /// <summary>The SQL condition on a timestamp column (<c>@start</c>, <c>@end</c>), or nothing for all time.</summary>
    public static string Where(string column, ReportPeriod? period) =>
        period is null ? string.Empty : $"WHERE {column} >= @start AND {column} < @end";

    public static void AddParameters(NpgsqlParameterCollection parameters, ReportPeriod? period)
    {
        if (period is not null)
        {
            parameters.Add(new NpgsqlParameter<DateTimeOffset>("start", period.Start));
            parameters.Add(new NpgsqlParameter<DateTimeOffset>("end", period.End));
        }
    }
}
