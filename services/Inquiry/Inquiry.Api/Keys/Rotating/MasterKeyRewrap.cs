using Npgsql;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Keys.Rotating;

/// <summary>
/// Moves every wrapped key to the current master key, a batch per transaction. It is resumable by
/// construction: what is left is simply every row on another key, so a run stopped anywhere (a
/// crash, a deploy) goes on where it was at the next start. Rows are taken with
/// <c>FOR UPDATE SKIP LOCKED</c>: a purge or an upload binding that holds a row is not waited for,
/// and its row is picked up by a later batch if it still exists. New keys are wrapped with the
/// current key from the start, so submissions, replies and purges go on meanwhile.
/// </summary>
public sealed class MasterKeyRewrap(NpgsqlDataSource dataSource, PersonalDataKeys keys, TimeProvider time, IConfiguration configuration, ILogger<MasterKeyRewrap> logger)
{
    private const string Schema = InquiryStore.Schema;
    private const string LockKey = "master-key-rewrap:" + Schema;

    private readonly int batchSize = configuration.GetValue("Keys:RewrapBatchSize", 500);

    /// <summary>The last run of this replica, for the status page.</summary>
    public RewrapRunView? LastRun { get; private set; }

    /// <summary>
    /// Re-wraps until nothing is left on another key; null when another replica is already at it.
    /// Returns how many keys this run moved.
    /// </summary>
    public async Task<long?> RunAsync(CancellationToken cancellationToken)
    {
        var moved = await KeyMoveRuns.RunAsync(dataSource, LockKey, time, RewrapBatchAsync, run => LastRun = run, cancellationToken);
        if (moved > 0)
        {
            logger.LogInformation("Re-wrapped {Count} keys with master key {MasterKeyId}", moved, keys.MasterKeys.CurrentId);
        }

        return moved;
    }

    /// <summary>Re-wraps one batch of data keys and one of unbound upload keys in one transaction; returns how many.</summary>
    public async Task<int> RewrapBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var moved = await RewrapAsync(connection, transaction, "data_keys", "inquiry_id", "", cancellationToken)
            + await RewrapAsync(connection, transaction, "attachments", "id", "AND inquiry_id IS NULL", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }

    private async Task<int> RewrapAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string idColumn, string condition, CancellationToken cancellationToken)
    {
        var current = keys.MasterKeys.CurrentId;
        var rows = new List<(Guid Id, WrappedKey Wrapped)>();
        await using (var select = new NpgsqlCommand(
            $"""
            SELECT {idColumn}, master_key_id, wrapped_key FROM {Schema}.{table}
            WHERE master_key_id <> @current {condition}
            ORDER BY {idColumn} LIMIT @limit
            FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter<string>("current", current));
            select.Parameters.Add(new NpgsqlParameter<int>("limit", batchSize));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), new WrappedKey(reader.GetString(1), reader.GetFieldValue<byte[]>(2))));
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        // A key id that is not configured stops the run with its id: better than skipping the row
        // and letting the status say the old key is still in use for no visible reason.
        var rewrapped = rows.Select(r => keys.MasterKeys.Wrap(r.Id, keys.MasterKeys.Unwrap(r.Id, r.Wrapped)).Bytes).ToArray();
        await using var update = new NpgsqlCommand(
            $"""
            UPDATE {Schema}.{table} t SET wrapped_key = u.wrapped_key, master_key_id = @current
            FROM unnest(@ids, @keys) AS u(id, wrapped_key)
            WHERE t.{idColumn} = u.id
            """, connection, transaction);
        update.Parameters.Add(new NpgsqlParameter<string>("current", current));
        update.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. rows.Select(r => r.Id)]));
        update.Parameters.Add(new NpgsqlParameter<byte[][]>("keys", rewrapped));
        return await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How many wrapped keys each master key id has, data keys and unbound uploads apart.</summary>
    public async Task<IReadOnlyDictionary<string, (long DataKeys, long Uploads)>> UsageAsync(CancellationToken cancellationToken)
    {
        var usage = new Dictionary<string, (long DataKeys, long Uploads)>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand(
            $"""
            SELECT master_key_id, count(*), 0::bigint FROM {Schema}.data_keys GROUP BY master_key_id
            UNION ALL
            SELECT master_key_id, 0::bigint, count(*) FROM {Schema}.attachments WHERE inquiry_id IS NULL GROUP BY master_key_id
            """))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                var (dataKeys, uploads) = usage.GetValueOrDefault(id);
                usage[id] = (dataKeys + reader.GetInt64(1), uploads + reader.GetInt64(2));
            }
        }

        return usage;
    }
}

/// <summary>The status, from the counts per key id: a pure function, tested alone.</summary>
public static class KeyRotationStatuses
{
    public static KeyRotationStatus Of(
        MasterKeys configured, IReadOnlyDictionary<string, (long DataKeys, long Uploads)> usage, RewrapRunView? lastRun, LookupKeyRotationStatus lookupKeys)
    {
        var ids = configured.Ids.Concat(usage.Keys.Where(id => !configured.Knows(id)).Order(StringComparer.Ordinal));
        var rows = ids
            .Select(id => (Id: id, Usage: usage.GetValueOrDefault(id)))
            .Select(u => new MasterKeyUsage(u.Id, u.Id == configured.CurrentId, configured.Knows(u.Id), u.Usage.DataKeys, u.Usage.Uploads))
            .ToArray();
        return new KeyRotationStatus
        {
            CurrentMasterKey = configured.CurrentId,
            MasterKeys = rows,
            Remaining = rows.Where(r => !r.Current).Sum(r => r.DataKeys + r.UnboundAttachments),
            Removable = [.. rows.Where(r => !r.Current && r.Configured && r.DataKeys + r.UnboundAttachments == 0).Select(r => r.KeyId)],
            Missing = [.. rows.Where(r => !r.Configured).Select(r => r.KeyId)],
            LastRun = lastRun,
            LookupKeys = lookupKeys,
        };
    }
}
