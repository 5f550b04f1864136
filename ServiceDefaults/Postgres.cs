using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SupportPlatform.ServiceDefaults;

public static class PostgresExtensions
{
    /// <summary>Registers one <see cref="NpgsqlDataSource"/> from <c>ConnectionStrings:postgres</c> (Aspire's key).</summary>
    public static IHostApplicationBuilder AddPostgres(this IHostApplicationBuilder builder, string name = "postgres")
    {
        builder.Services.AddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString(name)
                ?? throw new InvalidOperationException($"Connection string '{name}' is missing (ConnectionStrings__{name}).");
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            // Hot statements (appends, inbox inserts) skip parse and plan once prepared: measured
            // ~1.6x more appends/s (docs/benchmarks.md). An explicit setting in the string wins.
            if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            {
                builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
                builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
            }

            // A transaction left open by a bug or a hung client would hold back Marten's daemon, which
            // waits for live transactions rather than skip their events: PostgreSQL ends idle ones.
            if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.Options))
            {
                builder.ConnectionStringBuilder.Options = "-c idle_in_transaction_session_timeout=60000";
            }

            return builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>()).Build();
        });
        return builder;
    }
}

internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL is not reachable", e);
        }
    }
}
