using Npgsql;

namespace SupportPlatform.Postgres;

/// <summary>Creates a service's tables at start-up. Every statement is idempotent (<c>IF NOT EXISTS</c>).</summary>
public static class SchemaBootstrap
{
    /// <summary>Runs DDL once even when several replicas start together (a transaction-scoped advisory lock).</summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, string schema, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AdvisoryLocks.LockForTransactionAsync(connection, transaction, "schema:" + schema, cancellationToken);
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
