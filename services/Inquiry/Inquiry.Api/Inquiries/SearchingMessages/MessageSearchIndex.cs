using System.Text.Json.Nodes;
using Npgsql;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.SearchingMessages;

/// <summary>
/// The index of the desk's message search (<c>message_search_terms</c>): per inquiry the keyed hashes
/// of its texts' terms (<see cref="MessageTexts"/>, <see cref="LookupKeys.MessageTermHashes"/>), each
/// row naming the lookup key it was made with. Only the sealed texts opened with the inquiry's own
/// data key feed it; no word and no unkeyed hash of one is stored.
/// <para>
/// Every writer first locks the inquiries' data-key rows (in id order, <c>FOR NO KEY UPDATE</c>): a
/// purge deletes that row, so it waits for the writer and then deletes what was written, and an
/// inquiry whose key is already gone is not written at all. A writer also marks the row when its
/// hashes may now be of two keys, as <see cref="DataKeyStore.NoteLookupHashAdded"/> does, so the
/// lookup key's re-hash takes the inquiry again.
/// </para>
/// </summary>
public sealed class MessageSearchIndex(PersonalDataKeys keys)
{
    public const string Table = InquiryStore.Schema + ".message_search_terms";

    private const string Schema = InquiryStore.Schema;

    /// <summary>Adds the terms of new texts, per inquiry (a page of the event log). Writing the same texts again changes nothing.</summary>
    public async Task AddAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<Guid, List<Sealed>> texts, CancellationToken cancellationToken)
    {
        var dataKeys = await LockKeysAsync(connection, transaction, [.. texts.Keys], cancellationToken);
        var rows = dataKeys.ToDictionary(k => k.Key, k => keys.LookupKeys.MessageTermHashes(texts[k.Key].Select(text => k.Value.Open(k.Key, text))));
        await InsertAsync(connection, transaction, rows, cancellationToken);
        await NoteKeyAsync(connection, transaction, [.. rows.Keys], cancellationToken);
    }

    /// <summary>
    /// Replaces the terms of these inquiries, whose data-key rows the caller has locked, with the terms
    /// of their streams' texts under the current lookup key: what a rebuild and the re-hash both do.
    /// </summary>
    public async Task ReplaceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<Guid, DataKey> dataKeys, CancellationToken cancellationToken)
    {
        var texts = dataKeys.Keys.ToDictionary(id => id, _ => new List<string>());
        await using (var select = new NpgsqlCommand(
            $"SELECT stream_id, type, data::text FROM {Schema}.mt_events WHERE stream_id = ANY(@ids) AND type = ANY(@types) ORDER BY stream_id, version",
            connection,
            transaction))
        {
            select.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. dataKeys.Keys]));
            select.Parameters.Add(new NpgsqlParameter<string[]>("types", MessageTexts.EventTypeNames));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (id, type, data) = (reader.GetGuid(0), reader.GetString(1), JsonNode.Parse(reader.GetString(2))!.AsObject());
                texts[id].AddRange(MessageTexts.MembersOf(type)
                    .Select(member => data[member]?.GetValue<string>())
                    .OfType<string>()
                    .Select(cipher => dataKeys[id].Open(id, new Sealed(cipher))));
            }
        }

        await using (var delete = new NpgsqlCommand($"DELETE FROM {Table} WHERE inquiry_id = ANY(@ids)", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. dataKeys.Keys]));
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertAsync(connection, transaction, texts.ToDictionary(t => t.Key, t => keys.LookupKeys.MessageTermHashes(t.Value)), cancellationToken);
    }

    /// <summary>Locks and unwraps the data keys of these inquiries that still have one, in id order.</summary>
    public async Task<Dictionary<Guid, DataKey>> LockKeysAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] inquiryIds, CancellationToken cancellationToken)
    {
        var dataKeys = new Dictionary<Guid, DataKey>(inquiryIds.Length);
        await using var select = new NpgsqlCommand(
            $"SELECT inquiry_id, master_key_id, wrapped_key FROM {Schema}.data_keys WHERE inquiry_id = ANY(@ids) ORDER BY inquiry_id FOR NO KEY UPDATE",
            connection,
            transaction);
        select.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", inquiryIds));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            dataKeys[id] = keys.MasterKeys.Unwrap(id, new WrappedKey(reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
        }

        return dataKeys;
    }

    /// <summary>Marks the inquiries whose row names another lookup key than the current one, which just made their new terms.</summary>
    public async Task NoteKeyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] inquiryIds, CancellationToken cancellationToken)
    {
        await using var mark = new NpgsqlCommand(
            $"UPDATE {Schema}.data_keys SET lookup_key_id = NULL WHERE inquiry_id = ANY(@ids) AND lookup_key_id IS DISTINCT FROM @current",
            connection,
            transaction);
        mark.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", inquiryIds));
        mark.Parameters.Add(new NpgsqlParameter<string>("current", keys.LookupKeys.CurrentId));
        await mark.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<Guid, long[]> terms, CancellationToken cancellationToken)
    {
        var rows = terms.SelectMany(t => t.Value.Select(term => (Term: term, InquiryId: t.Key))).ToArray();
        if (rows.Length == 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {Table} (term, inquiry_id, key_id) SELECT t, i, @key FROM unnest(@terms, @ids) AS u(t, i) ON CONFLICT (term, key_id, inquiry_id) DO NOTHING",
            connection,
            transaction);
        insert.Parameters.Add(new NpgsqlParameter<long[]>("terms", [.. rows.Select(r => r.Term)]));
        insert.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. rows.Select(r => r.InquiryId)]));
        insert.Parameters.Add(new NpgsqlParameter<string>("key", keys.LookupKeys.CurrentId));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
