using Npgsql;

namespace SupportPlatform.EventStore;

/// <summary>
/// The tables of one service's event store, in that service's schema, after Marten's design:
/// streams (id, type, version) and events (global position, stream id, version, type, jsonb data,
/// time), unique (stream id, version). Each event also keeps the id of the transaction that wrote
/// it, which is what lets a reader of the global log wait for late commits instead of skipping them.
/// </summary>
public static class EventStoreSchema
{
    public static string Sql(string schema) => $"""
        CREATE SCHEMA IF NOT EXISTS {schema};
        CREATE TABLE IF NOT EXISTS {schema}.streams (
            id uuid PRIMARY KEY,
            type text NOT NULL,
            version bigint NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE SEQUENCE IF NOT EXISTS {schema}.event_positions AS bigint;
        CREATE TABLE IF NOT EXISTS {schema}.events (
            position bigint PRIMARY KEY,
            id uuid NOT NULL,
            stream_id uuid NOT NULL,
            version bigint NOT NULL,
            type text NOT NULL,
            data jsonb NOT NULL,
            trace_parent text,
            timestamp timestamptz NOT NULL,
            tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
            CONSTRAINT events_stream_version UNIQUE (stream_id, version)
        );
        CREATE INDEX IF NOT EXISTS events_log_order ON {schema}.events (tx_id, position);
        CREATE TABLE IF NOT EXISTS {schema}.checkpoints (
            name text PRIMARY KEY,
            tx_id xid8 NOT NULL,
            position bigint NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    /// <summary>Runs DDL once even when several replicas start together (transaction-scoped advisory lock).</summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, string schema, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@key))", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", "schema:" + schema);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
