using Npgsql;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Attachments;

public sealed record AttachmentContent(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Uploaded files, encrypted with a key of their own. Until an inquiry binds it, that key is
/// wrapped with the current master key (its id in <c>master_key_id</c>); binding re-wraps it with the inquiry's data key, so shredding the
/// inquiry's key makes its attachments unreadable too. Unbound uploads expire.
/// </summary>
public sealed class AttachmentStore(NpgsqlDataSource dataSource, PersonalDataKeys keys, TimeProvider time)
{
    public async Task<Guid> UploadAsync(string fileName, FileType type, byte[] content, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var key = DataKey.New();
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO {InquiryStore.Schema}.attachments (id, file_name, content_type, size, content, wrapped_key, master_key_id, uploaded_at)
            VALUES (@id, @name, @type, @size, @content, @key, @master, @now)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        command.Parameters.Add(new NpgsqlParameter<byte[]>("name", key.Encrypt(id, System.Text.Encoding.UTF8.GetBytes(fileName))));
        command.Parameters.Add(new NpgsqlParameter<string>("type", type.ContentType));
        command.Parameters.Add(new NpgsqlParameter<long>("size", content.Length));
        command.Parameters.Add(new NpgsqlParameter<byte[]>("content", key.Encrypt(id, content)));
        var wrapped = keys.MasterKeys.Wrap(id, key);
        command.Parameters.Add(new NpgsqlParameter<byte[]>("key", wrapped.Bytes));
        command.Parameters.Add(new NpgsqlParameter<string>("master", wrapped.MasterKeyId));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    /// <summary>Binds unbound uploads to a new inquiry; null when any of them is missing, expired or already bound.</summary>
    public async Task<IReadOnlyList<AttachmentRef>?> AttachToInquiryAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid inquiryId, DataKey inquiryKey, IReadOnlyList<Guid> attachmentIds, CancellationToken cancellationToken)
    {
        var found = new List<(Guid Id, byte[] Name, string Type, long Size, WrappedKey Wrapped)>();
        await using (var select = new NpgsqlCommand(
            $"""
            SELECT id, file_name, content_type, size, master_key_id, wrapped_key FROM {InquiryStore.Schema}.attachments
            WHERE id = ANY(@ids) AND inquiry_id IS NULL AND uploaded_at > @expired
            FOR UPDATE
            """, connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. attachmentIds]));
            select.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("expired", time.GetUtcNow() - UnboundLifetime));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetGuid(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2), reader.GetInt64(3), new WrappedKey(reader.GetString(4), reader.GetFieldValue<byte[]>(5))));
            }
        }

        if (found.Count != attachmentIds.Count)
        {
            return null;
        }

        var refs = new List<AttachmentRef>(found.Count);
        foreach (var attachment in attachmentIds.Select(id => found.Single(f => f.Id == id)))
        {
            var key = keys.MasterKeys.Unwrap(attachment.Id, attachment.Wrapped);
            var fileName = System.Text.Encoding.UTF8.GetString(key.Decrypt(attachment.Id, attachment.Name));
            await using var update = new NpgsqlCommand(
                $"UPDATE {InquiryStore.Schema}.attachments SET inquiry_id = @inquiry, wrapped_key = @key, master_key_id = NULL WHERE id = @id", connection, transaction);
            update.Parameters.Add(new NpgsqlParameter<Guid>("inquiry", inquiryId));
            update.Parameters.Add(new NpgsqlParameter<byte[]>("key", inquiryKey.Wrap(attachment.Id, key)));
            update.Parameters.Add(new NpgsqlParameter<Guid>("id", attachment.Id));
            await update.ExecuteNonQueryAsync(cancellationToken);
            refs.Add(new AttachmentRef(attachment.Id, inquiryKey.Seal(inquiryId, fileName), attachment.Type, attachment.Size));
        }

        return refs;
    }

    /// <summary>
    /// Stores a file straight under an inquiry (an emailed answer's: there is no uploader to bind it
    /// later), its key wrapped with the inquiry's. The id is the caller's, derived from the message,
    /// so a message handed over again stores nothing twice.
    /// </summary>
    public async Task<AttachmentRef> StoreForInquiryAsync(
        Guid inquiryId, DataKey inquiryKey, Guid attachmentId, string fileName, FileType type, byte[] content, CancellationToken cancellationToken)
    {
        var key = DataKey.New();
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO {InquiryStore.Schema}.attachments (id, file_name, content_type, size, content, wrapped_key, master_key_id, uploaded_at, inquiry_id)
            VALUES (@id, @name, @type, @size, @content, @key, NULL, @now, @inquiry)
            ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", attachmentId));
        command.Parameters.Add(new NpgsqlParameter<byte[]>("name", key.Encrypt(attachmentId, System.Text.Encoding.UTF8.GetBytes(fileName))));
        command.Parameters.Add(new NpgsqlParameter<string>("type", type.ContentType));
        command.Parameters.Add(new NpgsqlParameter<long>("size", content.Length));
        command.Parameters.Add(new NpgsqlParameter<byte[]>("content", key.Encrypt(attachmentId, content)));
        command.Parameters.Add(new NpgsqlParameter<byte[]>("key", inquiryKey.Wrap(attachmentId, key)));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", time.GetUtcNow()));
        command.Parameters.Add(new NpgsqlParameter<Guid>("inquiry", inquiryId));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new AttachmentRef(attachmentId, inquiryKey.Seal(inquiryId, fileName), type.ContentType, content.Length);
    }

    /// <summary>Deletes files stored for a message the inquiry then did not take (see <see cref="StoreForInquiryAsync"/>).</summary>
    public async Task DeleteAsync(Guid inquiryId, IReadOnlyList<Guid> attachmentIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {InquiryStore.Schema}.attachments WHERE inquiry_id = @inquiry AND id = ANY(@ids)");
        command.Parameters.Add(new NpgsqlParameter<Guid>("inquiry", inquiryId));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. attachmentIds]));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A bound attachment's content, decrypted with its inquiry's key; null when it is not one of that inquiry's.</summary>
    public async Task<AttachmentContent?> ReadAsync(Guid inquiryId, Guid attachmentId, DataKey inquiryKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT file_name, content_type, content, wrapped_key FROM {InquiryStore.Schema}.attachments WHERE id = @id AND inquiry_id = @inquiry");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", attachmentId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("inquiry", inquiryId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var key = inquiryKey.Unwrap(attachmentId, reader.GetFieldValue<byte[]>(3));
        return new AttachmentContent(
            System.Text.Encoding.UTF8.GetString(key.Decrypt(attachmentId, reader.GetFieldValue<byte[]>(0))),
            reader.GetString(1),
            key.Decrypt(attachmentId, reader.GetFieldValue<byte[]>(2)));
    }

    /// <summary>Deletes uploads no inquiry bound within <see cref="UnboundLifetime"/>; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"DELETE FROM {InquiryStore.Schema}.attachments WHERE inquiry_id IS NULL AND uploaded_at <= @expired");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("expired", time.GetUtcNow() - UnboundLifetime));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public TimeSpan UnboundLifetime { get; init; } = TimeSpan.FromDays(1);
}

/// <summary>Removes expired unbound uploads every few minutes.</summary>
internal sealed class UnboundAttachmentSweeper(AttachmentStore attachments, TimeProvider time, ILogger<UnboundAttachmentSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await attachments.DeleteExpiredAsync(stoppingToken) is > 0 and var deleted)
                    {
                        logger.LogInformation("Deleted {Count} expired unbound attachments", deleted);
                    }
                }
                catch (NpgsqlException e)
                {
                    logger.LogWarning(e, "Sweeping expired attachments failed; next try at the next tick");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
