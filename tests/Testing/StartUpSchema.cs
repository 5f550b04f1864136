using Npgsql;

namespace SupportPlatform.Testing;

/// <summary>
/// A database as a service made it before versioned migrations: the schema SQL it ran at every
/// start, kept verbatim as <c>Fixtures/start-up-schema.sql</c> in the test project. The migration
/// tests build a database from it, let the service take it over, and read the journal.
/// </summary>
public static class StartUpSchema
{
    public static async Task CreateAsync(PostgresDatabase database)
    {
        var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "start-up-schema.sql"));
        await using var command = database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The scripts the migrator recorded as applied, in the order it applied them.</summary>
    public static async Task<IReadOnlyList<string>> JournalAsync(PostgresDatabase database, string schema)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT scriptname FROM {schema}.schema_migrations ORDER BY schemaversionsid");
        await using var reader = await command.ExecuteReaderAsync();
        var scripts = new List<string>();
        while (await reader.ReadAsync())
        {
            scripts.Add(reader.GetString(0));
        }

        return scripts;
    }

    /// <summary>Whether the schema has the table (to show what a database had before it was taken over).</summary>
    public static async Task<bool> HasTableAsync(PostgresDatabase database, string schema, string table)
    {
        await using var command = database.DataSource.CreateCommand("SELECT to_regclass(@name) IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter<string>("name", $"{schema}.{table}"));
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
