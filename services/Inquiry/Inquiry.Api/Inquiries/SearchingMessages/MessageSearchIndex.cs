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
/// <para>
/// Beside the postings, <c>message_search_term_counts</c> holds how many inquiries hold each term
/// (per key), which a search plans by (<see cref="MessageSearchPlan"/>). Every writer changes the
/// counts in the transaction that changes the postings, after the data-key rows: one statement in
/// term order, so two writers lock the counts of common terms in the same order. A count that
/// reaches zero is deleted, so no hash of a purged inquiry's own words stays behind.
/// </para>
/// </summary>
public sealed class MessageSearchIndex(PersonalDataKeys keys)
{
    public const string Table = InquiryStore.Schema + ".message_search_terms";

    public const string CountsTable = InquiryStore.Schema + ".message_search_term_counts";

    private const string Schema = InquiryStore.Schema;

    /// <summary>Adds the terms of new texts, per inquiry (a page of the event log). Writing the same texts again changes nothing.</summary>
    public async Task AddAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<Guid, List<Sealed>> texts, CancellationToken cancellationToken)
    {
        var dataKeys = await LockKeysAsync(connection, transaction, [.. texts.Keys], cancellationToken);
        var rows = dataKeys.ToDictionary(k => k.Key, k => keys.LookupKeys.MessageTermHashes(texts[k.Key].Select(text => k.Value.Open(k.Key, text))));
        await CountAsync(connection, transaction, added: await InsertAsync(connection, transaction, rows, cancellationToken), removed: [], cancellationToken);
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

        var removed = await DeletePostingsAsync(connection, transaction, [.. dataKeys.Keys], cancellationToken);
        var added = await InsertAsync(connection, transaction, texts.ToDictionary(t => t.Key, t => keys.LookupKeys.MessageTermHashes(t.Value)), cancellationToken);
        await CountAsync(connection, transaction, added, removed, cancellationToken);
    }

    /// <summary>
    /// Deletes the postings of these inquiries and takes them off the counts: what a purge and the
    /// shred replay do, in their transaction. The inquiries' data-key rows are locked first (they are
    /// being deleted), so the lock order is the subscription's: data keys, then counts.
    /// </summary>
    public static async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] inquiryIds, CancellationToken cancellationToken)
    {
        await using (var lockKeys = new NpgsqlCommand(
            $"SELECT inquiry_id FROM {Schema}.data_keys WHERE inquiry_id = ANY(@ids) ORDER BY inquiry_id FOR UPDATE", connection, transaction))
        {
            lockKeys.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", inquiryIds));
            await lockKeys.ExecuteNonQueryAsync(cancellationToken);
        }

        await CountAsync(connection, transaction, added: [], removed: await DeletePostingsAsync(connection, transaction, inquiryIds, cancellationToken), cancellationToken);
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

    /// <summary>Inserts the postings; returns those that were not there yet (one per inquiry and term), which the counts gain.</summary>
    private async Task<List<(long Term, string KeyId)>> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<Guid, long[]> terms, CancellationToken cancellationToken)
    {
        var rows = terms.SelectMany(t => t.Value.Select(term => (Term: term, InquiryId: t.Key))).ToArray();
        if (rows.Length == 0)
        {
            return [];
        }

        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {Table} (term, inquiry_id, key_id) SELECT t, i, @key FROM unnest(@terms, @ids) AS u(t, i) ON CONFLICT (term, key_id, inquiry_id) DO NOTHING RETURNING term, key_id",
            connection,
            transaction);
        insert.Parameters.Add(new NpgsqlParameter<long[]>("terms", [.. rows.Select(r => r.Term)]));
        insert.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. rows.Select(r => r.InquiryId)]));
        insert.Parameters.Add(new NpgsqlParameter<string>("key", keys.LookupKeys.CurrentId));
        return await ReadTermsAsync(insert, cancellationToken);
    }

    private static async Task<List<(long Term, string KeyId)>> DeletePostingsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] inquiryIds, CancellationToken cancellationToken)
    {
        await using var delete = new NpgsqlCommand($"DELETE FROM {Table} WHERE inquiry_id = ANY(@ids) RETURNING term, key_id", connection, transaction);
        delete.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", inquiryIds));
        return await ReadTermsAsync(delete, cancellationToken);
    }

    private static async Task<List<(long Term, string KeyId)>> ReadTermsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var terms = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            terms.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return terms;
    }

    /// <summary>
    /// Moves each term's count by the postings added and removed, in one statement that locks the
    /// count rows in term order, then deletes the counts left at zero (rows this transaction holds).
    /// </summary>
    private static async Task CountAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<(long Term, string KeyId)> added, List<(long Term, string KeyId)> removed, CancellationToken cancellationToken)
    {
        var changes = TermCountChanges.Of(added, removed);
        if (changes.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    $"""
                    INSERT INTO {CountsTable} (term, key_id, inquiries)
                    SELECT * FROM unnest(@terms, @key_ids, @changes) ORDER BY 1, 2
                    ON CONFLICT (term, key_id) DO UPDATE SET inquiries = {CountsTable}.inquiries + excluded.inquiries
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<long[]>("terms", [.. changes.Select(c => c.Term)]),
                        new NpgsqlParameter<string[]>("key_ids", [.. changes.Select(c => c.KeyId)]),
                        new NpgsqlParameter<int[]>("changes", [.. changes.Select(c => c.Change)]),
                    },
                },
                new NpgsqlBatchCommand(
                    $"DELETE FROM {CountsTable} c USING unnest(@terms, @key_ids) AS z(term, key_id) WHERE c.term = z.term AND c.key_id = z.key_id AND c.inquiries <= 0")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<long[]>("terms", [.. changes.Where(c => c.Change < 0).Select(c => c.Term)]),
                        new NpgsqlParameter<string[]>("key_ids", [.. changes.Where(c => c.Change < 0).Select(c => c.KeyId)]),
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
