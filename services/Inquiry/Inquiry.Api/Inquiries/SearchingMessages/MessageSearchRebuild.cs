using Npgsql;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.SearchingMessages;

/// <summary>What a rebuild of the message search index did.</summary>
public sealed record MessageSearchRebuildOutcome(long Inquiries, long Terms, long OrphansDeleted, string LookupKeyId);

/// <summary>
/// Rebuilds the message search index from the streams (<c>-- search-index rebuild</c>): inquiry by
/// inquiry in id order, one batch per transaction, the terms of every text opened with the
/// inquiry's data key replace what the index held, under the current lookup key. The index keeps
/// answering meanwhile, and the subscription keeps adding new messages: a message it adds while a
/// batch runs is either read by the batch or added after it. Rows of an inquiry without a data key
/// (left by no purge, but by a restore of an older database) are deleted at the end.
/// </summary>
public sealed class MessageSearchRebuild(NpgsqlDataSource dataSource, MessageSearchIndex index, PersonalDataKeys keys, IConfiguration configuration)
{
    private const string Schema = InquiryStore.Schema;

    private readonly int batchSize = configuration.GetValue("SearchIndex:RebuildBatchSize", 200);

    public async Task<MessageSearchRebuildOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var (after, inquiries) = (Guid.Empty, 0L);
        while (await RebuildBatchAsync(after, cancellationToken) is (> 0 and var count, var last))
        {
            (after, inquiries) = (last, inquiries + count);
        }

        await using var orphans = dataSource.CreateCommand(
            $"DELETE FROM {MessageSearchIndex.Table} t WHERE NOT EXISTS (SELECT 1 FROM {Schema}.data_keys k WHERE k.inquiry_id = t.inquiry_id)");
        var orphansDeleted = await orphans.ExecuteNonQueryAsync(cancellationToken);
        await using var terms = dataSource.CreateCommand($"SELECT count(*) FROM {MessageSearchIndex.Table}");
        return new MessageSearchRebuildOutcome(inquiries, (long)(await terms.ExecuteScalarAsync(cancellationToken))!, orphansDeleted, keys.LookupKeys.CurrentId);
    }

    /// <summary>Rebuilds the next inquiries after <paramref name="after"/>; a deadlock with a purge is retried (PostgreSQL rolled the batch back).</summary>
    private async Task<(int Count, Guid Last)> RebuildBatchAsync(Guid after, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                Guid[] ids;
                await using (var next = new NpgsqlCommand(
                    $"SELECT inquiry_id FROM {Schema}.data_keys WHERE inquiry_id > @after ORDER BY inquiry_id LIMIT @limit", connection, transaction))
                {
                    next.Parameters.Add(new NpgsqlParameter<Guid>("after", after));
                    next.Parameters.Add(new NpgsqlParameter<int>("limit", batchSize));
                    var found = new List<Guid>();
                    await using var reader = await next.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        found.Add(reader.GetGuid(0));
                    }

                    ids = [.. found];
                }

                if (ids.Length == 0)
                {
                    return (0, after);
                }

                // A purge may have taken some meanwhile: only those still keyed are rebuilt, and the batch moves past all.
                var dataKeys = await index.LockKeysAsync(connection, transaction, ids, cancellationToken);
                await index.ReplaceAsync(connection, transaction, dataKeys, cancellationToken);
                await index.NoteKeyAsync(connection, transaction, [.. dataKeys.Keys], cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (ids.Length, ids[^1]);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
                // Taken again from the same place: nothing of the batch was written.
            }
        }
    }
}
