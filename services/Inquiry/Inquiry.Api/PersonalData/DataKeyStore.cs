using Npgsql;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// The per-inquiry data keys, each wrapped with a master key whose id is stored beside it. Deleting
/// a row is what makes an inquiry's personal data unreadable everywhere, backups included
/// (crypto-shredding) — as long as no restore brings the row back (<see cref="Retention.Shredding.ShredList"/>).
/// The row also names the lookup key that every keyed hash of the inquiry was made with
/// (<c>lookup_key_id</c>; null when its hashes are of more than one key), which the lookup key's
/// re-hash moves on (<see cref="Keys.Rotating.LookupKeyRehash"/>).
/// </summary>
public sealed class DataKeyStore(NpgsqlDataSource dataSource, PersonalDataKeys keys, TimeProvider time)
{
    /// <summary>Queues the insert of a new inquiry's wrapped key in the session that creates the inquiry, so both commit in one <c>SaveChanges</c>.</summary>
    public void Insert(Marten.IDocumentSession session, Guid inquiryId, DataKey key)
    {
        var wrapped = keys.MasterKeys.Wrap(inquiryId, key);
        session.QueueSqlCommand(
            $"INSERT INTO {InquiryStore.Schema}.data_keys (inquiry_id, wrapped_key, master_key_id, lookup_key_id, created_at) VALUES (?, ?, ?, ?, ?)",
            inquiryId, wrapped.Bytes, wrapped.MasterKeyId, keys.LookupKeys.CurrentId, time.GetUtcNow());
    }

    /// <summary>
    /// Queues, with an event that carries a new keyed hash (made with the current lookup key), the
    /// mark that the inquiry's hashes may now be of two keys, unless the row already names this one:
    /// the re-hash then takes the inquiry again, whichever key ends up current.
    /// </summary>
    public void NoteLookupHashAdded(Marten.IDocumentSession session, Guid inquiryId) =>
        session.QueueSqlCommand(
            $"UPDATE {InquiryStore.Schema}.data_keys SET lookup_key_id = NULL WHERE inquiry_id = ? AND lookup_key_id IS DISTINCT FROM ?",
            inquiryId, keys.LookupKeys.CurrentId);

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
