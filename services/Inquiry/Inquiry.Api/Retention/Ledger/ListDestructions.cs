using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Retention.Ledger;

/// <summary>
/// The inquiries' part of the destruction ledger: the purge audit (one row per purged inquiry)
/// summed per run, so a retention run or an erasure request is one line with its counts.
/// </summary>
public static class ListDestructions
{
    public static RouteGroupBuilder MapDestructionLedger(this RouteGroupBuilder compliance)
    {
        compliance.MapGet("/destruction-ledger", HandleAll)
            .WithName("GetDestructionLedger")
            .WithSummary("Every purge run (retention or erasure): date, reason, policy versions, inquiries, events and attachments deleted; and every sweep of expired access-request exports. No personal data.");
        compliance.MapGet("/destruction-ledger/{runId:guid}", HandleOne)
            .WithName("GetPurgeRun")
            .WithSummary("One purge run, for an erasure certificate.");
        return compliance;
    }

    private static async Task<Ok<InquiryDestructions>> HandleAll(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        TypedResults.Ok(new InquiryDestructions(await ReadAsync(dataSource, null, cancellationToken), await ExpiredExportsAsync(dataSource, cancellationToken)));

    private static async Task<Results<Ok<PurgeRun>, ProblemHttpResult>> HandleOne(Guid runId, NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        (await ReadAsync(dataSource, runId, cancellationToken)) is [var run]
            ? TypedResults.Ok(run)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No purge run with this id");

    private static async Task<IReadOnlyList<PurgeRun>> ReadAsync(NpgsqlDataSource dataSource, Guid? runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT run_id, min(reason), max(purged_at), array_agg(DISTINCT policy_version ORDER BY policy_version),
                   count(*)::int, sum(events_deleted)::bigint, sum(attachments_deleted)::int
            FROM {InquiryStore.Schema}.purge_audit
            WHERE @run::uuid IS NULL OR run_id = @run
            GROUP BY run_id
            ORDER BY max(purged_at) DESC, run_id
            """);
        command.Parameters.Add(new NpgsqlParameter("run", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)runId ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<PurgeRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new PurgeRun(
                reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<string[]>(3),
                reader.GetInt32(4), reader.GetInt64(5), reader.GetInt32(6)));
        }

        return runs;
    }

    private static async Task<IReadOnlyList<ExpiredExportPurge>> ExpiredExportsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT run_id, purged_at, exports FROM {InquiryStore.Schema}.subject_export_purges ORDER BY purged_at DESC");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var purges = new List<ExpiredExportPurge>();
        while (await reader.ReadAsync(cancellationToken))
        {
            purges.Add(new ExpiredExportPurge(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2)));
        }

        return purges;
    }
}
