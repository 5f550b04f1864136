using Npgsql;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.SearchingMessages;

/// <summary>What a rebuild of the message search index did.</summary>
public sealed record MessageSearchRebuildOutcome(long Inquiries, long Terms, long OrphansDeleted, long TermCounts, string LookupKeyId);

/// <summary>
/// Rebuilds the message search index from the streams (<c>-- search-index rebuild</c>): inquiry by
/// inquiry in id order, one batch per transaction, the terms of every text opened with the
/// inquiry's data key replace what the index held, under the current lookup key. The index keeps
/// answering meanwhile, and the subscription keeps adding new messages: a message it adds while a
/// batch runs is either read by the batch or added after it. Rows of an inquiry without a data key
/// (left by no purge, but by a restore of an older database) are deleted at the end, and then the
/// per-term counts are counted again from the index (<see cref="RecountAsync"/>).
/// </summary>
public sealed class MessageSearchRebuild(NpgsqlDataSource dataSource, MessageSearchIndex index, PersonalDataKeys keys, IConfiguration configuration)
{
    private const string Schema = InquiryStore.Schema;

    private readonly int batchSize = configuration.GetValue("SearchIndex:RebuildBatchSize", 200);

    // Opening every text and hashing its terms is CPU-bound: at a million inquiries a database
    // server with cores to spare rebuilds several batches at once (batches hold disjoint inquiries).
    private readonly int workers = configuration.GetValue("SearchIndex:RebuildWorkers", 1);

    public async Task<MessageSearchRebuildOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var batches = new Batches(dataSource, batchSize);
        var rebuilt = await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            var inquiries = 0L;
            while (await batches.NextAsync(cancellationToken) is { Length: > 0 } ids)
            {
                await RebuildBatchAsync(ids, cancellationToken);
                inquiries += ids.Length;
            }

            return inquiries;
        }));

        await using var orphans = dataSource.CreateCommand(
            $"DELETE FROM {MessageSearchIndex.Table} t WHERE NOT EXISTS (SELECT 1 FROM {Schema}.data_keys k WHERE k.inquiry_id = t.inquiry_id)");
        var orphansDeleted = await orphans.ExecuteNonQueryAsync(cancellationToken);
        var termCounts = await RecountAsync(cancellationToken);
        await using var terms = dataSource.CreateCommand($"SELECT count(*) FROM {MessageSearchIndex.Table}");
        return new MessageSearchRebuildOutcome(rebuilt.Sum(), (long)(await terms.ExecuteScalarAsync(cancellationToken))!, orphansDeleted, termCounts, keys.LookupKeys.CurrentId);
    }

    /// <summary>Hands out the keyed inquiries in id order, a batch at a time, to however many workers ask.</summary>
    private sealed class Batches(NpgsqlDataSource dataSource, int batchSize)
    {
        private readonly SemaphoreSlim gate = new(1);
        private Guid after = Guid.Empty;

        public async Task<Guid[]> NextAsync(CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await using var next = dataSource.CreateCommand($"SELECT inquiry_id FROM {Schema}.data_keys WHERE inquiry_id > @after ORDER BY inquiry_id LIMIT @limit");
                next.Parameters.Add(new NpgsqlParameter<Guid>("after", after));
                next.Parameters.Add(new NpgsqlParameter<int>("limit", batchSize));
                var found = new List<Guid>();
                await using var reader = await next.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    found.Add(reader.GetGuid(0));
                }

                after = found.Count > 0 ? found[^1] : after;
                return [.. found];
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Rebuilds these inquiries; a deadlock with a purge is retried (PostgreSQL rolled the batch back).</summary>
    private async Task RebuildBatchAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

                // A purge may have taken some meanwhile: only those still keyed are rebuilt.
                var dataKeys = await index.LockKeysAsync(connection, transaction, ids, cancellationToken);
                await index.ReplaceAsync(connection, transaction, dataKeys, cancellationToken);
                await index.NoteKeyAsync(connection, transaction, [.. dataKeys.Keys], cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
                // Taken again: nothing of the batch was written.
            }
        }
    }

    /// <summary>
    /// Replaces the per-term counts with a count of the index. The batches kept them as they went;
    /// this puts right whatever else moved them (the orphans above, a restore, a fault). The table
    /// lock lets searches read the old counts meanwhile and makes every writer wait before it
    /// changes a count, so the count sees either all of a writer's postings or none, and the
    /// writer's change lands on the new count. At 1,000,000 inquiries this is one aggregate over
    /// about 94 million rows: indexing and purges wait for it.
    /// </summary>
    private async Task<long> RecountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var recount = new NpgsqlCommand(
            $"""
            LOCK TABLE {MessageSearchIndex.CountsTable} IN SHARE ROW EXCLUSIVE MODE;
            DELETE FROM {MessageSearchIndex.CountsTable};
            INSERT INTO {MessageSearchIndex.CountsTable} (term, key_id, inquiries)
            SELECT term, key_id, count(*) FROM {MessageSearchIndex.Table} GROUP BY term, key_id;
            """,
            connection,
            transaction)
        {
            CommandTimeout = 0,
        };
        await recount.ExecuteNonQueryAsync(cancellationToken);
        await using var counted = new NpgsqlCommand($"SELECT count(*) FROM {MessageSearchIndex.CountsTable}", connection, transaction);
        var termCounts = (long)(await counted.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return termCounts;
    }
}
