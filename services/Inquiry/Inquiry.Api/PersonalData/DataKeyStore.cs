using Npgsql;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// The per-inquiry data keys, wrapped with the master key. Deleting a row is what makes an
/// inquiry's personal data unreadable everywhere, backups included (crypto-shredding).
/// </summary>
public sealed class DataKeyStore(NpgsqlDataSource dataSource, PersonalDataKeys keys, TimeProvider time)
{
    /// <summary>Queues the insert of a new inquiry's wrapped key in the session that creates the inquiry, so both commit in one <c>SaveChanges</c>.</summary>
    public void Insert(Marten.IDocumentSession session, Guid inquiryId, DataKey key) =>
        session.QueueSqlCommand(
            $"INSERT INTO {InquiryStore.Schema}.data_keys (inquiry_id, wrapped_key, created_at) VALUES (?, ?, ?)",
            inquiryId, keys.MasterKey.Wrap(inquiryId, key), time.GetUtcNow());

    /// <summary>The inquiry's key, or null when it never existed or was shredded.</summary>
    public async Task<DataKey?> FindAsync(Guid inquiryId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT wrapped_key FROM {InquiryStore.Schema}.data_keys WHERE inquiry_id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", inquiryId));
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] wrapped ? keys.MasterKey.Unwrap(inquiryId, wrapped) : null;
    }

    public async Task<Dictionary<Guid, DataKey>> FindManyAsync(IReadOnlyCollection<Guid> inquiryIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, DataKey>(inquiryIds.Count);
        if (inquiryIds.Count == 0)
        {
            return found;
        }

        await using var command = dataSource.CreateCommand($"SELECT inquiry_id, wrapped_key FROM {InquiryStore.Schema}.data_keys WHERE inquiry_id = ANY(@ids)");
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", inquiryIds.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            found[id] = keys.MasterKey.Unwrap(id, reader.GetFieldValue<byte[]>(1));
        }

        return found;
    }
}
