using Npgsql;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// The per-inquiry data keys, each wrapped with a master key whose id is stored beside it. Deleting
/// a row is what makes an inquiry's personal data unreadable everywhere, backups included
/// (crypto-shredding) — as long as no restore brings the row back (<see cref="Retention.Shredding.ShredList"/>).
/// </summary>
public sealed class DataKeyStore(NpgsqlDataSource dataSource, PersonalDataKeys keys, TimeProvider time)
{
    /// <summary>Queues the insert of a new inquiry's wrapped key in the session that creates the inquiry, so both commit in one <c>SaveChanges</c>.</summary>
    public void Insert(Marten.IDocumentSession session, Guid inquiryId, DataKey key)
    {
        var wrapped = keys.MasterKeys.Wrap(inquiryId, key);
        session.QueueSqlCommand(
            $"INSERT INTO {InquiryStore.Schema}.data_keys (inquiry_id, wrapped_key, master_key_id, created_at) VALUES (?, ?, ?, ?)",
            inquiryId, wrapped.Bytes, wrapped.MasterKeyId, time.GetUtcNow());
    }

    /// <summary>The inquiry's key, or null when it never existed or was shredded.</summary>
    public async Task<DataKey?> FindAsync(Guid inquiryId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT master_key_id, wrapped_key FROM {InquiryStore.Schema}.data_keys WHERE inquiry_id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", inquiryId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? keys.MasterKeys.Unwrap(inquiryId, new WrappedKey(reader.GetString(0), reader.GetFieldValue<byte[]>(1)))
            : null;
    }

    public async Task<Dictionary<Guid, DataKey>> FindManyAsync(IReadOnlyCollection<Guid> inquiryIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, DataKey>(inquiryIds.Count);
        if (inquiryIds.Count == 0)
        {
            return found;
        }

        await using var command = dataSource.CreateCommand($"SELECT inquiry_id, master_key_id, wrapped_key FROM {InquiryStore.Schema}.data_keys WHERE inquiry_id = ANY(@ids)");
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", inquiryIds.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            found[id] = keys.MasterKeys.Unwrap(id, new WrappedKey(reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
        }

        return found;
    }
}
