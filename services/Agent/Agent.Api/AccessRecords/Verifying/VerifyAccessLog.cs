using Npgsql;
using SupportPlatform.Agent.AccessRecords.Recording;

namespace SupportPlatform.Agent.AccessRecords.Verifying;

public sealed record ChainCheck(long Records, long FirstId, long LastId, ChainBreak? Break)
{
    public bool Intact => Break is null;
}

/// <summary>
/// Walks the whole access log in id order and checks every link of the chain, starting from the
/// anchor of the latest retention purge.
/// </summary>
public sealed class AccessLogVerifier(NpgsqlDataSource dataSource)
{
    public async Task<ChainCheck> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var (anchorId, anchorHash) = await AnchorAsync(connection, transaction, cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {AccessLog.Columns} FROM agent.access_log ORDER BY id", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long count = 0, first = 0, last = 0;
        var chainBreak = AccessChain.FirstBreak(Rows(), anchorId, anchorHash);
        return new ChainCheck(count, first, last, chainBreak);

        IEnumerable<AccessRecord> Rows()
        {
            // Synchronous reads inside the enumeration: FirstBreak is pure and takes an IEnumerable.
            while (reader.Read())
            {
                var record = AccessLog.Read(reader);
                (count, first, last) = (count + 1, count == 0 ? record.Id : first, record.Id);
                yield return record;
            }
        }
    }

    private static async Task<(long Id, byte[] Hash)> AnchorAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT through_id, through_hash FROM agent.access_log_purges ORDER BY through_id DESC LIMIT 1", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), (byte[])reader[1]) : (0, AccessChain.Genesis);
    }
}

/// <summary>
/// <c>dotnet SupportPlatform.Agent.Api.dll verify-access-log</c>: checks the access log's hash chain
/// in the configured database; exit code 0 when intact, 1 at the first broken record.
/// </summary>
public static class VerifyAccessLogCommand
{
    public const string Verb = "verify-access-log";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        await AgentSchema.MigrateAsync(services);
        var check = await services.GetRequiredService<AccessLogVerifier>().VerifyAsync(CancellationToken.None);
        if (check.Break is { } broken)
        {
            await output.WriteLineAsync($"access log BROKEN at record {broken.RecordId}: {broken.Reason}");
            return 1;
        }

        await output.WriteLineAsync(check.Records == 0
            ? "access log intact: no records"
            : $"access log intact: {check.Records} records ({check.FirstId}..{check.LastId})");
        return 0;
    }
}
