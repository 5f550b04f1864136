using Marten;
using Npgsql;

namespace SupportPlatform.Inquiry.Inquiries.Reporting;

/// <summary>
/// A table of counts kept by a trigger on a Marten document table (<see cref="QueueDayCounts"/>,
/// <see cref="ResponseTimeHistograms"/>): the trigger function comes with a migration, but the
/// trigger can only be attached once Marten has made the document table, which it does after the
/// migrations.
/// </summary>
internal static class CountingTrigger
{
    /// <summary>
    /// Attaches the triggers <c>{name}_rows</c> and <c>{name}_truncate</c>, both running
    /// <paramref name="function"/>, to <typeparamref name="TDocument"/>'s table
    /// <paramref name="documents"/>. The first time (or after Marten made the table again), the
    /// counts are recounted from the documents (<paramref name="recountSql"/>) under a lock that holds
    /// off the daemon's writes until the trigger is in place, so no write is counted twice or missed.
    /// Replicas starting together take the lock in turn; the second finds the trigger there.
    /// </summary>
    public static async Task AttachAsync<TDocument>(
        IDocumentStore store, NpgsqlDataSource dataSource, string documents, string name, string function, string recountSql, CancellationToken cancellationToken)
    {
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(TDocument), cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockDocuments = new NpgsqlCommand($"LOCK TABLE {documents} IN SHARE ROW EXCLUSIVE MODE", connection, transaction))
        {
            await lockDocuments.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var attached = new NpgsqlCommand(
                         $"SELECT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = '{documents}'::regclass AND tgname = '{name}_rows')", connection, transaction))
        {
            if ((bool)(await attached.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }
        }

        await using (var attach = new NpgsqlCommand(
                         $"""
                         {recountSql};
                         CREATE TRIGGER {name}_rows AFTER INSERT OR UPDATE OR DELETE ON {documents}
                             FOR EACH ROW EXECUTE FUNCTION {function}();
                         CREATE OR REPLACE TRIGGER {name}_truncate AFTER TRUNCATE ON {documents}
                             FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                         """,
                         connection,
                         transaction) { CommandTimeout = 600 })
        {
            // One pass over the documents, once: seconds at a million inquiries.
            await attach.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
