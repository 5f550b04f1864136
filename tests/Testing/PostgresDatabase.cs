using Npgsql;
using Xunit;

namespace SupportPlatform.Testing;

/// <summary>A throwaway database on the real test server, one per test class; dropped afterwards.</summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private NpgsqlDataSource? dataSource;
    private string? admin;

    public string Name { get; } = TestServers.UniqueName("t");

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Admin) { Database = Name }.ConnectionString;

    public NpgsqlDataSource DataSource => dataSource ?? throw new InvalidOperationException("The database is not created yet.");

    private string Admin => admin ?? throw new InvalidOperationException("The database is not created yet.");

    public async Task InitializeAsync()
    {
        admin = await TestServers.PostgresAdminAsync();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }

        if (admin is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Every <c>schema.table.column</c> of every user table whose value contains one of the strings
    /// (text, JSON and bytea columns, the latter as UTF-8) — the scan that proves nothing of a
    /// person is left behind.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindStringsAsync(params string[] needles)
    {
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var list = DataSource.CreateCommand("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
              AND c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'bytea', 'ARRAY')
            """))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        var found = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            var match = type == "bytea"
                ? $"EXISTS (SELECT 1 FROM unnest(@bytes) AS needle WHERE position(needle IN \"{column}\") > 0)"
                : $"\"{column}\"::text LIKE ANY (@patterns)";
            await using var command = DataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM \"{schema}\".\"{table}\" WHERE {match})");
            command.Parameters.AddWithValue("patterns", needles.Select(n => "%" + n.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%").ToArray());
            command.Parameters.AddWithValue("bytes", needles.Select(System.Text.Encoding.UTF8.GetBytes).ToArray());
            if ((bool)(await command.ExecuteScalarAsync())!)
            {
                found.Add($"{schema}.{table}.{column}");
            }
        }

        return found;
    }

    /// <summary>Runs one scalar query; for assertions.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
