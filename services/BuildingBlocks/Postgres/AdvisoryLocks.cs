using Npgsql;

namespace SupportPlatform.Postgres;

/// <summary>
/// PostgreSQL advisory locks named by text, the one way services make sure only one replica does a
/// thing at a time. Names are hashed to the 64-bit key space (<c>hashtextextended</c>), so two names
/// collide only by a 64-bit accident.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>Waits for the lock; it is released when the transaction ends.</summary>
    public static async Task LockForTransactionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@name, 0))", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("name", name));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Takes the lock for the connection's session without waiting; null when another session holds it.
    /// Disposing the returned lease releases it (a pooled connection would otherwise keep it until reset).
    /// </summary>
    public static async Task<SessionLock?> TryLockSessionAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@name, 0))", connection);
        command.Parameters.Add(new NpgsqlParameter<string>("name", name));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))! ? new SessionLock(connection, name) : null;
    }

    /// <summary>Waits for the lock for the connection's session. Disposing the returned lease releases it.</summary>
    public static async Task<SessionLock> LockSessionAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended(@name, 0))", connection);
        command.Parameters.Add(new NpgsqlParameter<string>("name", name));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new SessionLock(connection, name);
    }

    public sealed class SessionLock(NpgsqlConnection connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection.State != System.Data.ConnectionState.Open)
            {
                return; // The session ended, and its locks with it.
            }

            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@name, 0))", connection);
            command.Parameters.Add(new NpgsqlParameter<string>("name", name));
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
