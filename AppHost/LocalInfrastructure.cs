using System.Diagnostics;
using Npgsql;

namespace SupportPlatform.AppHost;

/// <summary>
/// PostgreSQL and RabbitMQ for a local run: the connection strings given in the environment, or
/// private instances of the installed Debian servers started through <c>scripts/infra.sh</c>.
/// Private instances keep running after the AppHost stops (the next start finds them answering
/// and reuses their data) unless <c>--stop-infra</c> is given.
/// </summary>
public sealed class LocalInfrastructure(string repositoryRoot, TextWriter output)
{
    public const string DatabaseName = "supportplatform";
    public const int PostgresPort = 54320;
    public const int RabbitMqPort = 56720;
    public const int RabbitMqManagementPort = 56730;

    private string DataRoot => Path.Combine(repositoryRoot, ".data");

    private string InfraScript => Path.Combine(repositoryRoot, "scripts", "infra.sh");

    public string RabbitMqDirectory => Path.Combine(DataRoot, "rabbitmq");

    /// <summary>Set once a private PostgreSQL was started; null when a connection string was given.</summary>
    public string? PostgresDirectory { get; private set; }

    public bool StartedRabbitMq { get; private set; }

    public Uri? RabbitMqManagement => StartedRabbitMq ? new($"http://127.0.0.1:{RabbitMqManagementPort}/") : null;

    public async Task<string> PostgresAsync(string? given, CancellationToken cancellationToken)
    {
        if (given is { Length: > 0 })
        {
            output.WriteLine("postgres: using ConnectionStrings__postgres from the environment");
            return await EnsureDatabaseAsync(given, cancellationToken);
        }

        PostgresDirectory = await PostgresDirectoryAsync(cancellationToken);
        output.WriteLine($"postgres: private instance on 127.0.0.1:{PostgresPort}, data in {PostgresDirectory}");
        await InfraAsync(cancellationToken, "start-postgres", PostgresDirectory, PostgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var connectionString = $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Password=postgres;Database={DatabaseName}";
        return await EnsureDatabaseAsync(connectionString, cancellationToken);
    }

    public async Task<string> RabbitMqAsync(string? given, CancellationToken cancellationToken)
    {
        if (given is { Length: > 0 })
        {
            output.WriteLine("rabbitmq: using ConnectionStrings__rabbitmq from the environment");
            return given;
        }

        output.WriteLine($"rabbitmq: private node on 127.0.0.1:{RabbitMqPort} (management {RabbitMqManagementPort}), data in {RabbitMqDirectory}");
        await InfraAsync(cancellationToken, "start-rabbitmq", RabbitMqDirectory,
            RabbitMqPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RabbitMqManagementPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        StartedRabbitMq = true;
        return $"amqp://guest:guest@127.0.0.1:{RabbitMqPort}/";
    }

    public async Task StopAsync()
    {
        if (PostgresDirectory is not null)
        {
            output.WriteLine("postgres: stopping");
            await InfraAsync(CancellationToken.None, "stop-postgres", PostgresDirectory);
        }

        if (StartedRabbitMq)
        {
            output.WriteLine("rabbitmq: stopping");
            await InfraAsync(CancellationToken.None, "stop-rabbitmq", RabbitMqDirectory, RabbitMqPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Creates the connection string's database when missing; returns the connection string unchanged.</summary>
    public static async Task<string> EnsureDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (string.IsNullOrEmpty(database))
        {
            return connectionString;
        }

        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            // Identifiers cannot be parameters; quote it the way PostgreSQL's quote_ident would.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Created by a concurrent start in between: what we wanted.
            }
        }

        return connectionString;
    }

    /// <summary>
    /// <c>.data/postgres</c> in the repository when the postgres OS user (which runs the server when
    /// we are root) can reach it; else the infra script's own data root.
    /// </summary>
    private async Task<string> PostgresDirectoryAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataRoot);
        if (!Environment.IsPrivilegedProcess || await RunAsync(cancellationToken, "runuser", "-u", "postgres", "--", "test", "-x", DataRoot) == 0)
        {
            return Path.Combine(DataRoot, "postgres");
        }

        var fallback = Path.Combine(Environment.GetEnvironmentVariable("SUPPORTPLATFORM_DATA") ?? "/var/tmp/supportplatform", "apphost", "postgres");
        output.WriteLine($"postgres: the postgres OS user cannot reach {DataRoot}; keeping the data in {fallback} instead");
        return fallback;
    }

    private async Task InfraAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        if (!File.Exists(InfraScript))
        {
            throw new InvalidOperationException($"{InfraScript} is missing; give ConnectionStrings__postgres and ConnectionStrings__rabbitmq instead.");
        }

        var exitCode = await RunAsync(cancellationToken, InfraScript, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"scripts/infra.sh {string.Join(' ', arguments)} failed with exit code {exitCode} (its messages are above).");
        }
    }

    /// <summary>Runs a command with this console as its output, so its errors reach the developer as they are.</summary>
    private static async Task<int> RunAsync(CancellationToken cancellationToken, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }
}
