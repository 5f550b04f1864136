using System.Text.Json;
using Marten;
using Npgsql;

namespace SupportPlatform.Inquiry.Inquiries.Queueing;

/// <summary>
/// How many rows a queue view holds. Counting every row costs as much as the view is large (at
/// 50,000 inquiries the unfiltered count was most of the request), so the count stops at
/// <see cref="ExactUpTo"/>: below it the total is exact, past it PostgreSQL's planner estimates it
/// from its statistics, and the page says so. Nobody pages through 10,000 inquiries by number.
/// </summary>
public static class QueueTotal
{
    public const int ExactUpTo = 10_000;

    public static async Task<(long Total, bool IsEstimate)> CountAsync(IQueryable<QueueEntry> entries, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var bounded = entries.Select(q => q.Id).Take(ExactUpTo + 1).ToCommand();
        var counted = (long)(await ExecuteScalarAsync(dataSource, $"SELECT count(*) FROM ({Statement(bounded)}) AS counted", bounded, cancellationToken))!;
        if (counted <= ExactUpTo)
        {
            return (counted, false);
        }

        var all = entries.Select(q => q.Id).ToCommand();
        var plan = (string)(await ExecuteScalarAsync(dataSource, $"EXPLAIN (FORMAT JSON) {Statement(all)}", all, cancellationToken))!;
        // The planner may guess fewer rows than were just counted; the total is at least those.
        return (Math.Max(EstimatedRows(plan), ExactUpTo + 1), true);
    }

    /// <summary>The row estimate of the plan's top node, from <c>EXPLAIN (FORMAT JSON)</c>.</summary>
    public static long EstimatedRows(string plan)
    {
        using var json = JsonDocument.Parse(plan);
        return (long)json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    /// <summary>Marten's statement without its closing semicolon, to nest or explain.</summary>
    private static string Statement(NpgsqlCommand command) => command.CommandText.TrimEnd().TrimEnd(';');

    /// <summary>Runs <paramref name="sql"/> in place of the statement of Marten's command, with that command's own parameters.</summary>
    private static async Task<object?> ExecuteScalarAsync(NpgsqlDataSource dataSource, string sql, NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        command.CommandText = sql;
        command.Connection = connection;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
