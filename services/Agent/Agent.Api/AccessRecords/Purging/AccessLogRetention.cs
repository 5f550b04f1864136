using Microsoft.Extensions.Options;
using Npgsql;
using SupportPlatform.Agent.AccessRecords.Recording;
using SupportPlatform.Postgres;

namespace SupportPlatform.Agent.AccessRecords.Purging;

public sealed class AccessLogOptions
{
    /// <summary>
    /// How long access records are kept (<c>AccessLog:Retention</c>). The safety-measures standard
    /// asks for at least one year, two for large processors: two years by default.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(730);

    /// <summary>How often the purge looks for records past retention (<c>AccessLog:PurgeInterval</c>).</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>One purge of the access log, as the destruction ledger lists it.</summary>
public sealed record AccessLogPurge(Guid RunId, DateTimeOffset PurgedAt, DateTimeOffset OlderThan, string Retention, long ThroughId, int Removed);

/// <summary>
/// Deletes the oldest access records once they are past retention, always a prefix of the chain,
/// and keeps the hash of the last one removed as the anchor the rest of the chain is verified from.
/// Runs under the append lock, so no record is chained onto one being deleted.
/// </summary>
public sealed class AccessLogPurger(NpgsqlDataSource dataSource, TimeProvider time, IOptions<AccessLogOptions> options)
{
    /// <summary>The purge, or null when nothing is past retention.</summary>
    public async Task<AccessLogPurge?> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var olderThan = now - options.Value.Retention;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AdvisoryLocks.LockForTransactionAsync(connection, transaction, AccessLog.ChainLock, cancellationToken);

        // The longest prefix of the chain wholly past retention: everything before the first record still within it.
        await using var find = new NpgsqlCommand(
            """
            SELECT l.id, l.hash, (SELECT count(*) FROM agent.access_log WHERE id <= l.id)::int
            FROM agent.access_log l
            WHERE l.id = coalesce((SELECT min(id) FROM agent.access_log WHERE at >= @olderThan) - 1, (SELECT max(id) FROM agent.access_log))
              AND l.at < @olderThan
            """, connection, transaction);
        find.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("olderThan", olderThan));
        long throughId;
        byte[] throughHash;
        int removed;
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (throughId, throughHash, removed) = (reader.GetInt64(0), (byte[])reader[1], reader.GetInt32(2));
        }

        var purge = new AccessLogPurge(Guid.CreateVersion7(now), now, olderThan, RetentionText(options.Value.Retention), throughId, removed);
        await using var delete = new NpgsqlCommand(
            """
            SELECT set_config('agent.access_log_purge', 'on', true);
            DELETE FROM agent.access_log WHERE id <= @through;
            INSERT INTO agent.access_log_purges (run_id, purged_at, older_than, retention, through_id, through_hash, removed)
            VALUES (@run, @at, @olderThan, @retention, @through, @hash, @removed);
            """, connection, transaction);
        delete.Parameters.Add(new NpgsqlParameter<long>("through", throughId));
        delete.Parameters.Add(new NpgsqlParameter<Guid>("run", purge.RunId));
        delete.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", now));
        delete.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("olderThan", olderThan));
        delete.Parameters.Add(new NpgsqlParameter<string>("retention", purge.Retention));
        delete.Parameters.Add(new NpgsqlParameter<byte[]>("hash", throughHash));
        delete.Parameters.Add(new NpgsqlParameter<int>("removed", removed));
        await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return purge;
    }

    public async Task<IReadOnlyList<AccessLogPurge>> HistoryAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT run_id, purged_at, older_than, retention, through_id, removed FROM agent.access_log_purges ORDER BY id DESC");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var purges = new List<AccessLogPurge>();
        while (await reader.ReadAsync(cancellationToken))
        {
            purges.Add(new AccessLogPurge(
                reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3), reader.GetInt64(4), reader.GetInt32(5)));
        }

        return purges;
    }

    /// <summary>The policy as the ledger states it, e.g. "access-log retention 730 days".</summary>
    private static string RetentionText(TimeSpan retention) =>
        $"access-log retention {retention.TotalDays.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} days";
}

/// <summary>Purges the access log every <c>AccessLog:PurgeInterval</c>.</summary>
internal sealed class AccessLogRetentionJob(AccessLogPurger purger, TimeProvider time, IOptions<AccessLogOptions> options, ILogger<AccessLogRetentionJob> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPasses.RunEveryAsync(options.Value.PurgeInterval, time, PurgeAsync, logger, "Access log purge failed; it is tried again at the next tick", stoppingToken);

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        if (await purger.PurgeAsync(cancellationToken) is { } purge)
        {
            logger.LogInformation("Purged {Removed} access records past retention (through {ThroughId})", purge.Removed, purge.ThroughId);
        }
    }
}
