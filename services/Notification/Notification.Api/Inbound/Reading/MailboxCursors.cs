using Npgsql;

namespace SupportPlatform.Notification.Inbound.Reading;

/// <summary>
/// How far the reader got in a folder: its UIDVALIDITY and the highest UID handled. Advanced only
/// after a message is handled and disposed of, so a crash in between reads it again (Inquiry's
/// per-message id makes the second hand-over a no-op). Holds nothing of any message.
/// </summary>
public sealed class MailboxCursors(NpgsqlDataSource dataSource)
{
    public async Task<(long UidValidity, long LastUid)?> GetAsync(string folder, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT uid_validity, last_uid FROM {NotificationSchema.Name}.mailbox_cursors WHERE folder = @folder");
        command.Parameters.Add(new NpgsqlParameter<string>("folder", folder));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    public async Task SaveAsync(string folder, long uidValidity, long lastUid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {NotificationSchema.Name}.mailbox_cursors (folder, uid_validity, last_uid, updated_at)
            VALUES (@folder, @validity, @uid, @now)
            ON CONFLICT (folder) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("folder", folder));
        command.Parameters.Add(new NpgsqlParameter<long>("validity", uidValidity));
        command.Parameters.Add(new NpgsqlParameter<long>("uid", lastUid));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
