using SupportPlatform.Testing;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>The message search index's tables as rows, for the tests that compare them.</summary>
internal static class MessageSearchTables
{
    /// <summary>The per-term counts as stored.</summary>
    public static Task<List<(long Term, string KeyId, long Inquiries)>> CountsAsync(PostgresDatabase database) =>
        ReadAsync(database, "SELECT term, key_id, inquiries::bigint FROM inquiry.message_search_term_counts ORDER BY term, key_id");

    /// <summary>The per-term counts as the postings make them.</summary>
    public static Task<List<(long Term, string KeyId, long Inquiries)>> CountedFromPostingsAsync(PostgresDatabase database) =>
        ReadAsync(database, "SELECT term, key_id, count(*) FROM inquiry.message_search_terms GROUP BY term, key_id ORDER BY term, key_id");

    private static async Task<List<(long Term, string KeyId, long Inquiries)>> ReadAsync(PostgresDatabase database, string sql)
    {
        var rows = new List<(long, string, long)>();
        await using var command = database.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return rows;
    }
}
