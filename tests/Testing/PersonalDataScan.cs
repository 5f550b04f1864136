using System.Text;
using System.Text.Json;
using Npgsql;

namespace SupportPlatform.Testing;

/// <summary>Where one of a person's strings was found: a column, a queued message, a log line.</summary>
public sealed record Sighting(string Where, string Marker)
{
    public override string ToString() => $"{Where}: \"{Marker}\"";
}

/// <summary>A piece of text a scan looks through, and where it came from.</summary>
public sealed record ScannedText(string Where, string Text);

/// <summary>
/// The scan that proves nothing of a person is left behind: looks for marker strings (an address,
/// a company, a summary, a token …) in every column of a database, in queued messages, in logs.
/// Case-insensitive, and each marker is also looked for as JSON (<c>\uXXXX</c> escapes of Korean)
/// and URL encoding would write it, since a copy in those forms is as readable as the original.
/// </summary>
public static class PersonalDataScan
{
    /// <summary>The forms a marker may be stored in: as is, JSON-escaped, URL-encoded.</summary>
    public static IReadOnlyList<string> FormsOf(string marker) =>
        [.. new[] { marker, JsonSerializer.Serialize(marker)[1..^1], Uri.EscapeDataString(marker) }.Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Every (place, marker) where a form of a marker occurs in the texts.</summary>
    public static IReadOnlyList<Sighting> Find(IEnumerable<ScannedText> texts, IReadOnlyCollection<string> markers) =>
        [.. texts
            .SelectMany(text => markers
                .Where(marker => FormsOf(marker).Any(form => text.Text.Contains(form, StringComparison.OrdinalIgnoreCase)))
                .Select(marker => new Sighting(text.Where, marker)))
            .Distinct()];

    /// <summary>
    /// Every <c>schema.table.column</c> of every user table of the database whose value holds a form
    /// of one of the markers: text, JSON and array columns as text, bytea columns decoded as UTF-8.
    /// </summary>
    public static async Task<IReadOnlyList<Sighting>> FindInDatabaseAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<string> markers, string? databaseName = null)
    {
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var list = dataSource.CreateCommand("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
              AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED', 'xml')
            """))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        var prefix = databaseName is null ? "" : databaseName + ":";
        var found = new List<Sighting>();
        foreach (var (schema, table, column, type) in columns)
        {
            var where = $"{prefix}{schema}.{table}.{column}";
            if (type == "bytea")
            {
                found.AddRange((await ByteaMarkersAsync(dataSource, schema, table, column, markers)).Select(marker => new Sighting(where, marker)));
            }
            else if (await AnyTextHoldsAsync(dataSource, schema, table, column, markers))
            {
                // Which of them: asked one by one only where one is.
                foreach (var marker in markers)
                {
                    if (await AnyTextHoldsAsync(dataSource, schema, table, column, [marker]))
                    {
                        found.Add(new Sighting(where, marker));
                    }
                }
            }
        }

        return found;
    }

    private static async Task<bool> AnyTextHoldsAsync(NpgsqlDataSource dataSource, string schema, string table, string column, IEnumerable<string> markers)
    {
        await using var command = dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM \"{schema}\".\"{table}\" WHERE \"{column}\"::text ILIKE ANY (@patterns))");
        command.Parameters.AddWithValue("patterns", markers.SelectMany(FormsOf).Select(LikePattern).ToArray());
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Read out and decoded here: PostgreSQL's convert_from fails on the first value that is not UTF-8.</summary>
    private static async Task<IReadOnlyList<string>> ByteaMarkersAsync(NpgsqlDataSource dataSource, string schema, string table, string column, IReadOnlyCollection<string> markers)
    {
        await using var command = dataSource.CreateCommand($"SELECT \"{column}\" FROM \"{schema}\".\"{table}\" WHERE \"{column}\" IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync();
        var found = new HashSet<string>();
        while (await reader.ReadAsync())
        {
            var text = new ScannedText("", Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(0)));
            found.UnionWith(Find([text], markers).Select(s => s.Marker));
        }

        return [.. found];
    }

    private static string LikePattern(string form) =>
        "%" + form.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
