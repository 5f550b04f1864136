using System.Globalization;
using Npgsql;

namespace SupportPlatform.EventStore;

/// <summary>How far a reader of the global log has got; saved in the same transaction as the reader's effects.</summary>
public static class Checkpoints
{
    public static async Task<LogPosition> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, string name, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand($"SELECT tx_id::text, position FROM {schema}.checkpoints WHERE name = @name", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("name", name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LogPosition(ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1))
            : LogPosition.Start;
    }

    public static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, string name, LogPosition position, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {schema}.checkpoints (name, tx_id, position, updated_at) VALUES (@name, @tx::text::xid8, @position, now())
            ON CONFLICT (name) DO UPDATE SET tx_id = excluded.tx_id, position = excluded.position, updated_at = now()
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("name", name));
        command.Parameters.Add(new NpgsqlParameter<string>("tx", position.TransactionId.ToString(CultureInfo.InvariantCulture)));
        command.Parameters.Add(new NpgsqlParameter<long>("position", position.Position));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
