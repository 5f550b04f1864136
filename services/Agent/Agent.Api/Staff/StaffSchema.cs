using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace SupportPlatform.Agent.Staff;

/// <summary>
/// Creates the Agent schema's tables on first start. The services share one database, so EF's
/// <c>EnsureCreated</c> (which gives up when the database has any table) cannot be used; instead
/// the tables are created when the schema has none, under an advisory lock so replicas starting
/// together do it once.
/// </summary>
public static class StaffSchema
{
    private const long LockKey = 0x4167656e74; // "Agent"

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StaffDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using (var locking = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
            {
                locking.Parameters.AddWithValue("key", LockKey);
                await locking.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
            exists.Parameters.AddWithValue("table", $"{StaffDbContext.Schema}.\"AspNetUsers\"");
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken);
            }

            await using var unlocking = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlocking.Parameters.AddWithValue("key", LockKey);
            await unlocking.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>Runs <see cref="StaffSchema.EnsureAsync"/> before the server accepts requests.</summary>
internal sealed class StaffSchemaInitializer(IServiceProvider services, ILogger<StaffSchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await StaffSchema.EnsureAsync(services, cancellationToken);
        logger.LogInformation("Schema {Schema} is ready", StaffDbContext.Schema);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
