using Npgsql;
using SupportPlatform.AppHost;
using SupportPlatform.Testing;

namespace SupportPlatform.Deploy.Tests;

/// <summary>Against the real test PostgreSQL: the AppHost creates its database once and then reuses it.</summary>
public sealed class Provisioning_the_database : IAsyncLifetime
{
    private readonly string name = TestServers.UniqueName("apphost");

    [Fact]
    public async Task The_database_is_created_when_missing_and_left_alone_when_it_exists()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await TestServers.PostgresAdminAsync()) { Database = name, Pooling = false }.ConnectionString;
        Assert.False(await ExistsAsync());

        await LocalInfrastructure.EnsureDatabaseAsync(connectionString, CancellationToken.None);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE kept (id int); INSERT INTO kept VALUES (1)", connection);
            await create.ExecuteNonQueryAsync();
        }

        await LocalInfrastructure.EnsureDatabaseAsync(connectionString, CancellationToken.None);

        Assert.True(await ExistsAsync());
        await using var reused = new NpgsqlConnection(connectionString);
        await reused.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM kept", reused);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
        await using var encoding = new NpgsqlCommand("SHOW server_encoding", reused);
        Assert.Equal("UTF8", await encoding.ExecuteScalarAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await TestServers.PostgresAdminAsync());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task<bool> ExistsAsync()
    {
        await using var connection = new NpgsqlConnection(await TestServers.PostgresAdminAsync());
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        return (long)(await exists.ExecuteScalarAsync())! == 1;
    }
}
