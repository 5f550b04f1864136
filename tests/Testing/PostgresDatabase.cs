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
    /// (<see cref="PersonalDataScan.FindInDatabaseAsync"/>) — the scan that proves nothing of a
    /// person is left behind.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindStringsAsync(params string[] needles) =>
        [.. (await PersonalDataScan.FindInDatabaseAsync(DataSource, needles)).Select(s => s.Where).Distinct()];

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
