using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Inquiries.SearchingMessages;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Keys.Rotating;

/// <summary>
/// Recomputes every inquiry's keyed hashes under the current lookup key, from its sealed data opened
/// with its own data key: the email hash of the submission and of each email correction, and the
/// search tokens of the submitted summary and company. They are written in place, in the events that
/// carry them and in the queue entry, with the inquiry's <c>data_keys.lookup_key_id</c>, one batch per
/// transaction, and in that transaction the inquiry's rows of the message search index are rebuilt
/// from its texts under the new key (<see cref="MessageSearchIndex.ReplaceAsync"/>); stream versions
/// do not move, so no reader's ETag goes stale. The old hashes are gone from the database
/// afterwards, which is the point when a key has leaked.
/// <para>
/// Resumable like the master key's re-wrap: what is left is every inquiry whose row names another key
/// (or none, <see cref="DataKeyStore.NoteLookupHashAdded"/>). Streams are locked with
/// <c>FOR UPDATE SKIP LOCKED</c> in the purge's order (stream, then key), so a purge or an append in
/// progress is not waited for and waits for at most one batch; a purged inquiry has no row left to take.
/// Submissions and corrections go on meanwhile with the current key, and lookups accept every
/// configured key (<see cref="LookupKeys"/>) until the old one is removed.
/// </para>
/// <para>
/// The queue entry is projected asynchronously: a projection that read an old event just before a
/// batch rewrote it can write the old hash back. So while an old key is configured, each run ends by
/// looking for entries still on another key, and hands their inquiries to another pass. With the
/// current key alone every writer hashes with it, and nothing can go stale.
/// </para>
/// </summary>
public sealed class LookupKeyRehash(
    NpgsqlDataSource dataSource, PersonalDataKeys keys, MessageSearchIndex messageIndex, TimeProvider time, IConfiguration configuration, ILogger<LookupKeyRehash> logger)
{
    private const string Schema = InquiryStore.Schema;
    private const string LockKey = "lookup-key-rehash:" + Schema;

    // Marten's names of the two event types that carry keyed hashes (its default: the type name in snake case).
    private const string Submitted = "inquiry_submitted";
    private const string Corrected = "contact_details_corrected";

    /// <summary>The key id of a stored hash in SQL, as <see cref="LookupKeys.KeyIdOf"/> reads it.</summary>
    private static string KeyIdSql(string hash) => $"(CASE WHEN strpos({hash}, ':') > 1 THEN split_part({hash}, ':', 1) ELSE '{KeyIds.Initial}' END)";

    private readonly int batchSize = configuration.GetValue("Keys:RehashBatchSize", 200);

    /// <summary>The last run of this replica, for the status page.</summary>
    public RewrapRunView? LastRun { get; private set; }

    private bool OldKeyConfigured => keys.LookupKeys.Ids.Count > 1;

    /// <summary>Re-hashes until nothing is left on another key; null when another replica is already at it. Returns how many inquiries it moved.</summary>
    public async Task<long?> RunAsync(CancellationToken cancellationToken)
    {
        var moved = await KeyMoveRuns.RunAsync(dataSource, LockKey, time, Passes().NextBatchAsync, run => LastRun = run, cancellationToken);
        if (moved > 0)
        {
            logger.LogInformation("Re-hashed {Count} inquiries with lookup key {LookupKeyId}", moved, keys.LookupKeys.CurrentId);
        }

        return moved;
    }

    /// <summary>
    /// Passes over the inquiries in id order, one batch after another. A pass that moved something is
    /// followed by another, which takes what was locked or marked meanwhile; after the first pass that
    /// moves nothing, stale queue entries are handed back once, then the run ends.
    /// </summary>
    private RunPasses Passes() => new(this);

    private sealed class RunPasses(LookupKeyRehash rehash)
    {
        private Guid after = Guid.Empty;
        private long movedThisPass;
        private bool handedBack;

        public async Task<int> NextBatchAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var (count, last) = await rehash.RehashBatchAsync(after, cancellationToken);
                if (count > 0)
                {
                    (after, movedThisPass) = (last, movedThisPass + count);
                    return count;
                }

                after = Guid.Empty;
                if (movedThisPass > 0)
                {
                    movedThisPass = 0;
                    continue;
                }

                if (handedBack || !rehash.OldKeyConfigured || await rehash.HandBackStaleEntriesAsync(cancellationToken) == 0)
                {
                    return 0;
                }

                handedBack = true;
            }
        }
    }

    /// <summary>
    /// Re-hashes the next inquiries after <paramref name="after"/> (in id order) that are not on the
    /// current key, in one transaction; returns how many and the last id. A deadlock with a concurrent
    /// writer of the same rows is retried: PostgreSQL rolled back the whole batch.
    /// </summary>
    public async Task<(int Count, Guid Last)> RehashBatchAsync(Guid after, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryRehashBatchAsync(after, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
                logger.LogDebug("A lookup key re-hash batch met a deadlock and is retried");
            }
        }
    }

    private async Task<(int Count, Guid Last)> TryRehashBatchAsync(Guid after, CancellationToken cancellationToken)
    {
        var current = keys.LookupKeys.CurrentId;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var dataKeys = new Dictionary<Guid, DataKey>();
        await using (var select = new NpgsqlCommand(
            $"""
            SELECT k.inquiry_id, k.master_key_id, k.wrapped_key
            FROM {Schema}.data_keys k JOIN {Schema}.mt_streams s ON s.id = k.inquiry_id
            WHERE (k.lookup_key_id <> @current OR k.lookup_key_id IS NULL) AND k.inquiry_id > @after
            ORDER BY k.inquiry_id LIMIT @limit
            FOR UPDATE OF s, k SKIP LOCKED
            """, connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter<string>("current", current));
            select.Parameters.Add(new NpgsqlParameter<Guid>("after", after));
            select.Parameters.Add(new NpgsqlParameter<int>("limit", batchSize));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                dataKeys[id] = keys.MasterKeys.Unwrap(id, new WrappedKey(reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
            }
        }

        if (dataKeys.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return (0, after);
        }

        var ids = dataKeys.Keys.Order().ToArray();
        var (eventPatches, entryPatches) = await RecomputeAsync(connection, transaction, dataKeys, cancellationToken);
        await ExecuteAsync(
            connection,
            transaction,
            $"UPDATE {Schema}.mt_events e SET data = e.data || u.patch FROM unnest(@keys, @patches::jsonb[]) AS u(seq_id, patch) WHERE e.seq_id = u.seq_id",
            [.. eventPatches.Keys],
            [.. eventPatches.Values],
            cancellationToken);
        await ExecuteAsync(
            connection,
            transaction,
            $"UPDATE {Schema}.mt_doc_queue q SET data = q.data || u.patch, email_hash = u.patch ->> 'emailHash' FROM unnest(@keys, @patches::jsonb[]) AS u(id, patch) WHERE q.id = u.id",
            [.. entryPatches.Keys],
            [.. entryPatches.Values],
            cancellationToken);
        await messageIndex.ReplaceAsync(connection, transaction, dataKeys, cancellationToken);
        await using (var mark = new NpgsqlCommand($"UPDATE {Schema}.data_keys SET lookup_key_id = @current WHERE inquiry_id = ANY(@ids)", connection, transaction))
        {
            mark.Parameters.Add(new NpgsqlParameter<string>("current", current));
            mark.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (ids.Length, ids[^1]);
    }

    /// <summary>
    /// The new hashes of the locked inquiries: a JSON patch per event that carries one (by sequence
    /// number), and per queue entry its email hash as of the latest correction and the submission's tokens.
    /// </summary>
    private async Task<(Dictionary<long, string> Events, Dictionary<Guid, string> Entries)> RecomputeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<Guid, DataKey> dataKeys, CancellationToken cancellationToken)
    {
        var lookup = keys.LookupKeys;
        var events = new Dictionary<long, string>();
        var emailHashes = new Dictionary<Guid, string>();
        var searchTokens = new Dictionary<Guid, JsonArray>();
        await using var select = new NpgsqlCommand(
            $"""
            SELECT seq_id, stream_id, type, data::text FROM {Schema}.mt_events
            WHERE stream_id = ANY(@ids) AND type IN ('{Submitted}', '{Corrected}')
            ORDER BY stream_id, version
            """, connection, transaction);
        select.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. dataKeys.Keys]));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (seq, id, type, data) = (reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), JsonNode.Parse(reader.GetString(3))!.AsObject());
            var key = dataKeys[id];
            string Open(string member) => key.Open(id, new Sealed(data[member]!.GetValue<string>()));
            var patch = new JsonObject();
            if (type == Submitted)
            {
                patch["emailHash"] = emailHashes[id] = lookup.EmailHash(Open("email"));
                // A submission from before search tokens stays without them, as its queue entry does.
                if (data["searchTokens"] is JsonArray)
                {
                    var tokens = new JsonArray([.. lookup.SearchTokens(Open("summary"), Open("companyName")).Select(t => (JsonNode)t)]);
                    patch["searchTokens"] = tokens;
                    searchTokens[id] = tokens.DeepClone().AsArray();
                }
            }
            else if (data["emailHash"] is JsonValue)
            {
                patch["emailHash"] = emailHashes[id] = lookup.EmailHash(Open("value"));
            }
            else
            {
                continue; // a correction of another field carries no hash
            }

            events[seq] = patch.ToJsonString();
        }

        var entries = emailHashes.ToDictionary(
            e => e.Key,
            e => new JsonObject { ["emailHash"] = e.Value, ["searchTokens"] = searchTokens.GetValueOrDefault(e.Key) ?? [] }.ToJsonString());
        return (events, entries);
    }

    private static async Task ExecuteAsync<TKey>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, TKey[] rowKeys, string[] patches, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<TKey[]>("keys", rowKeys));
        command.Parameters.Add(new NpgsqlParameter<string[]>("patches", patches) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Marks the inquiries whose queue entry or message search terms still hold a hash of another key
    /// although their row says the current one (the asynchronous projection wrote back what it had read
    /// before a batch, or a replica still on the old key indexed a message), so
    /// that the next pass re-hashes them again. Returns how many.
    /// </summary>
    public async Task<int> HandBackStaleEntriesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE {Schema}.data_keys k SET lookup_key_id = NULL
            FROM {Schema}.mt_doc_queue q
            WHERE q.id = k.inquiry_id AND k.lookup_key_id = @current
              AND ({KeyIdSql("q.email_hash")} <> @current
                   OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(coalesce(q.data -> 'searchTokens', '[]'::jsonb)) AS t(token) WHERE {KeyIdSql("t.token")} <> @current)
                   OR EXISTS (SELECT 1 FROM {MessageSearchIndex.Table} m WHERE m.inquiry_id = k.inquiry_id AND m.key_id <> @current))
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("current", keys.LookupKeys.CurrentId));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inquiries per lookup key id by their rows (null: hashes of more than one key) and queue entries per key id of their email hash.</summary>
    public async Task<LookupKeyUsages> UsageAsync(CancellationToken cancellationToken)
    {
        var usage = new Dictionary<string, (long Inquiries, long QueueEntries)>(StringComparer.Ordinal);
        long mixed = 0;
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT lookup_key_id, count(*), 0::bigint FROM {Schema}.data_keys GROUP BY lookup_key_id
            UNION ALL
            SELECT {KeyIdSql("email_hash")}, 0::bigint, count(*) FROM {Schema}.mt_doc_queue GROUP BY 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(0))
            {
                mixed += reader.GetInt64(1);
                continue;
            }

            var id = reader.GetString(0);
            var (inquiries, entries) = usage.GetValueOrDefault(id);
            usage[id] = (inquiries + reader.GetInt64(1), entries + reader.GetInt64(2));
        }

        return new LookupKeyUsages(usage, mixed);
    }
}

/// <summary>What <see cref="LookupKeyRehash.UsageAsync"/> counted.</summary>
public sealed record LookupKeyUsages(IReadOnlyDictionary<string, (long Inquiries, long QueueEntries)> PerKey, long Mixed);

/// <summary>The lookup key's part of the status, from the counts per key id: a pure function, tested alone.</summary>
public static class LookupKeyRotationStatuses
{
    public static LookupKeyRotationStatus Of(LookupKeys configured, LookupKeyUsages usage, RewrapRunView? lastRun)
    {
        var ids = configured.Ids.Concat(usage.PerKey.Keys.Where(id => !configured.Knows(id)).Order(StringComparer.Ordinal));
        var rows = ids
            .Select(id => (Id: id, Usage: usage.PerKey.GetValueOrDefault(id)))
            .Select(u => new LookupKeyUsage(u.Id, u.Id == configured.CurrentId, configured.Knows(u.Id), u.Usage.Inquiries, u.Usage.QueueEntries))
            .ToArray();
        return new LookupKeyRotationStatus
        {
            CurrentLookupKey = configured.CurrentId,
            LookupKeys = rows,
            Mixed = usage.Mixed,
            Remaining = usage.Mixed + rows.Where(r => !r.Current).Sum(r => r.Inquiries + r.QueueEntries),
            // An inquiry with hashes of more than one key might hold any of them: no old key goes while there is one.
            Removable = usage.Mixed > 0 ? [] : [.. rows.Where(r => !r.Current && r.Configured && r.Inquiries + r.QueueEntries == 0).Select(r => r.KeyId)],
            Missing = [.. rows.Where(r => !r.Configured).Select(r => r.KeyId)],
            LastRun = lastRun,
        };
    }
}
