using Marten;
using Npgsql;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Inquiries.Rating;
using SupportPlatform.Inquiry.Inquiries.Reporting;
using SupportPlatform.Postgres;

namespace SupportPlatform.Inquiry.Retention.Shredding;

/// <summary>
/// <c>shred-list status</c>: how far the list goes, and how far this database has applied it.
/// A database behind its list was restored from a backup older than the newest purge.
/// </summary>
public sealed record ShredListStatus(long ListedUpTo, long AppliedUpTo, long Behind, bool SharesTheServiceDatabase);

/// <summary>What a re-application did: entries read, inquiries found and shredded again, and the new mark.</summary>
public sealed record ShredListReapplied(long Entries, long Shredded, long AppliedUpTo);

/// <summary>
/// Re-applies the shred list to the service's database: for every listed inquiry still there (a
/// restore brought it back), delete its data key first (from then on it is unreadable), then its
/// stream, read-model documents and attachments, all in one transaction per batch, and move the
/// database's mark (<c>inquiry.shred_watermark</c>). Idempotent: an inquiry that is not there is
/// simply skipped. The purge audit rows lost with the restore are not made up again; the list
/// itself records that the inquiry was purged.
/// </summary>
public sealed class ShredListReplay(NpgsqlDataSource dataSource, IDocumentStore store, ShredList list, ILogger<ShredListReplay> logger)
{
    private const string Schema = InquiryStore.Schema;
    private const string LockKey = "shred-list:" + Schema;
    private const int BatchSize = 500;

    public async Task<ShredListStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var listed = await list.LastPositionAsync(cancellationToken);
        var applied = await WatermarkAsync(cancellationToken);
        return new ShredListStatus(listed, applied, Math.Max(0, listed - applied), list.SharesTheServiceDatabase);
    }

    /// <summary>
    /// Shreds again every listed inquiry after the database's mark, or every one on the list when
    /// <paramref name="fromStart"/> (the command: proof by re-doing, whatever the mark says).
    /// Replicas take turns on a lock, so a second one finds the mark already moved.
    /// </summary>
    public async Task<ShredListReapplied> ReapplyAsync(bool fromStart, CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var replayLock = await AdvisoryLocks.LockSessionAsync(lockConnection, LockKey, cancellationToken);
        var position = fromStart ? 0 : await WatermarkAsync(cancellationToken);
        long entries = 0, shredded = 0;
        var schemaReady = false;
        while (await list.ReadAfterAsync(position, BatchSize, cancellationToken) is { Count: > 0 } batch)
        {
            if (!schemaReady)
            {
                // A database restored to before Marten made its tables (or an empty one) has none yet.
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
                schemaReady = true;
            }

            shredded += await ShredAsync([.. batch.Select(e => e.InquiryId).Distinct()], batch[^1].Position, cancellationToken);
            entries += batch.Count;
            position = batch[^1].Position;
        }

        if (shredded > 0)
        {
            logger.LogWarning(
                "Re-applied the shred list up to {Position}: {Shredded} purged inquiries were back in the database (a restore from before their purge) and are shredded again",
                position, shredded);
        }

        return new ShredListReapplied(entries, shredded, Math.Max(position, await WatermarkAsync(cancellationToken)));
    }

    /// <summary>
    /// The same deletions as a purge, in the same order (key first), without its eligibility
    /// check: the list says the inquiry was purged, and no legal hold made after that exists.
    /// </summary>
    private async Task<int> ShredAsync(Guid[] ids, long upTo, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var session = store.OpenTracedSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
        var present = new List<Guid>();
        await using (var lockStreams = new NpgsqlCommand(
            $"SELECT id FROM {Schema}.mt_streams WHERE id = ANY(@ids) ORDER BY id FOR UPDATE", connection, transaction))
        {
            lockStreams.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
            await using var reader = await lockStreams.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                present.Add(reader.GetGuid(0));
            }
        }

        int keys;
        await using (var deleteKeys = new NpgsqlCommand($"DELETE FROM {Schema}.data_keys WHERE inquiry_id = ANY(@ids)", connection, transaction))
        {
            deleteKeys.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
            keys = await deleteKeys.ExecuteNonQueryAsync(cancellationToken);
        }

        // The message search index's postings and their counts, as the purge takes them.
        await Inquiries.SearchingMessages.MessageSearchIndex.DeleteAsync(connection, transaction, ids, cancellationToken);
        foreach (var id in present)
        {
            session.Events.TombstoneStream(id);
        }

        session.DeleteWhere<QueueEntry>(q => q.Id.IsOneOf(ids));
        session.DeleteWhere<RetentionEntry>(r => r.Id.IsOneOf(ids));
        // Every read model keyed by the inquiry, as the purge deletes them (InquiryPurger).
        session.DeleteWhere<SatisfactionRating>(r => r.Id.IsOneOf(ids));
        session.DeleteWhere<ResponseTime>(r => r.Id.IsOneOf(ids));
        session.QueueSqlCommand($"DELETE FROM {Schema}.attachments WHERE inquiry_id = ANY(?)", ids);
        session.QueueSqlCommand($"UPDATE {Schema}.shred_watermark SET position = greatest(position, ?)", upTo);
        await session.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Math.Max(keys, present.Count);
    }

    private async Task<long> WatermarkAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT position FROM {Schema}.shred_watermark");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// A database that had purges before the shred list existed (an upgrade) lists them once, from
    /// its purge audit, so a restore of an older backup cannot bring those back either.
    /// </summary>
    public async Task<int> ListEarlierPurgesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var replayLock = await AdvisoryLocks.LockSessionAsync(lockConnection, LockKey, cancellationToken);
        if (await WatermarkAsync(cancellationToken) > 0 || await list.LastPositionAsync(cancellationToken) > 0)
        {
            return 0;
        }

        var audited = new List<Guid>();
        await using (var command = dataSource.CreateCommand($"SELECT inquiry_id FROM {Schema}.purge_audit ORDER BY purged_at, inquiry_id"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                audited.Add(reader.GetGuid(0));
            }
        }

        if (audited.Count == 0)
        {
            return 0;
        }

        var last = await list.AppendAsync(audited, now, cancellationToken);
        await using var mark = dataSource.CreateCommand($"UPDATE {Schema}.shred_watermark SET position = greatest(position, @last)");
        mark.Parameters.Add(new NpgsqlParameter<long>("last", last));
        await mark.ExecuteNonQueryAsync(cancellationToken);
        return audited.Count;
    }
}

/// <summary>
/// Before the service serves anything: migrate the shred list's store, list the purges of an
/// upgraded database once, and re-apply every purge the database is behind on (it was restored).
/// Registered right after the schema's migrations and before Marten's daemon, so a resurrected
/// inquiry is gone again before a request or a projection can see it.
/// </summary>
internal sealed class ShredListOnStart(ShredList list, ShredListReplay replay, TimeProvider time, ILogger<ShredListOnStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await list.MigrateAsync(logger, cancellationToken);
        if (list.SharesTheServiceDatabase)
        {
            logger.LogWarning(
                "ConnectionStrings:shredlist is not set: the shred list lives in the service's own database, where a restore would roll it back (deploy/README.md)");
        }

        if (await replay.ListEarlierPurgesAsync(time.GetUtcNow(), cancellationToken) is > 0 and var listed)
        {
            logger.LogInformation("Listed {Count} earlier purges from the purge audit on the shred list", listed);
        }

        await replay.ReapplyAsync(fromStart: false, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
