using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.ServiceDefaults.Http;
using SupportPlatform.ServiceDefaults.Reporting;

namespace SupportPlatform.Inquiry.Inquiries.Reporting;

/// <summary>
/// The backlog and the intake of the operations view, summed from the queue's counts per Korean
/// submission day, status and category (<see cref="QueueDayCounts"/>), never by folding streams nor
/// by reading every inquiry of the period.
/// </summary>
public static class ReportWorkload
{
    /// <summary>How long ago an open inquiry was submitted, as the backlog groups it.</summary>
    public static readonly IReadOnlyList<(string Band, TimeSpan Under)> AgeBands =
    [
        ("<1d", TimeSpan.FromDays(1)), ("1-3d", TimeSpan.FromDays(3)), ("3-7d", TimeSpan.FromDays(7)), ("7-30d", TimeSpan.FromDays(30)),
    ];

    public const string Oldest = ">=30d";

    public static readonly IReadOnlyList<string> BacklogStatuses = ["open", "answered", "waiting"];

    public static RouteGroupBuilder MapWorkloadReport(this RouteGroupBuilder agent)
    {
        agent.MapGet("/workload", Handle)
            .WithName("ReportWorkload")
            .WithSummary("The backlog now (inquiries not closed, by age since submission and status) and the inquiries submitted from `from` to `to` (yyyy-MM-dd, Korean days, both included, at most 371 days; default: the last 8 Korean ISO weeks) per week and category, and per Korean day and category.");
        return agent;
    }

    private static async Task<Results<Ok<WorkloadReport>, ValidationProblem>> Handle(
        string? from, string? to, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new FieldErrors();
        if (ReportPeriod.Read(from, to, now, errors) is not { } period)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await BuildAsync(dataSource, period, now, cancellationToken));
    }

    public static async Task<WorkloadReport> BuildAsync(NpgsqlDataSource dataSource, ReportPeriod period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(QueueDayCounts.CountByAge([.. AgeBands.Select(b => now - b.Under)], [.. AgeBands.Select(b => b.Band).Append(Oldest)], BacklogStatuses));
        batch.BatchCommands.Add(QueueDayCounts.Intake(period, perWeek: true));
        batch.BatchCommands.Add(QueueDayCounts.Intake(period, perWeek: false));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<(string Band, string Status), long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        }

        await reader.NextResultAsync(cancellationToken);
        var intake = new List<WeeklyIntake>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var monday = DateOnly.FromDateTime(reader.GetDateTime(0));
            intake.Add(new WeeklyIntake(ReportPeriod.WeekOf(monday), monday, reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2)));
        }

        await reader.NextResultAsync(cancellationToken);
        var daily = new List<DailyIntake>();
        while (await reader.ReadAsync(cancellationToken))
        {
            daily.Add(new DailyIntake(DateOnly.FromDateTime(reader.GetDateTime(0)), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2)));
        }

        return new WorkloadReport(
            period.From,
            period.To,
            now,
            [.. AgeBands.Select(b => b.Band).Append(Oldest)
                .SelectMany(band => BacklogStatuses.Select(status => new BacklogCount(band, status, counts.GetValueOrDefault((band, status)))))],
            intake,
            daily);
    }
}
