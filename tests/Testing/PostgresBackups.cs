using System.Diagnostics;
using Npgsql;

namespace SupportPlatform.Testing;

/// <summary>
/// Backups as an operator takes and restores them: <c>pg_dump -Fc</c> of one database and
/// <c>pg_restore</c> into a fresh database of the same name. On the test container the tools of the
/// server's own version run inside it; against a configured server (<c>SUPPORTPLATFORM_TEST_POSTGRES</c>)
/// the machine's own.
/// </summary>
public static class PostgresBackups
{
    /// <summary>Dumps the database to a file (inside the container, or a temporary file here); returns its path.</summary>
    public static async Task<string> DumpAsync(string database)
    {
        var file = $"/tmp/{TestServers.UniqueName("backup")}.dump";
        if (Configured is { } admin)
        {
            await RunHereAsync("pg_dump", admin, "-Fc", "-f", file, "-d", database);
        }
        else
        {
            await TestContainers.ExecInPostgresAsync("pg_dump", "-U", "postgres", "-Fc", "-f", file, database);
        }

        return file;
    }

    /// <summary>Drops the database (closing its connections), creates it empty and restores the dump into it.</summary>
    public static async Task RestoreAsync(string dump, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(await TestServers.PostgresAdminAsync()))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        if (Configured is { } admin)
        {
            await RunHereAsync("pg_restore", admin, "--no-owner", "-d", database, dump);
        }
        else
        {
            await TestContainers.ExecInPostgresAsync("pg_restore", "-U", "postgres", "--no-owner", "-d", database, dump);
        }

        // Pooled connections to the dropped database are dead; the next use must open new ones.
        NpgsqlConnection.ClearAllPools();
    }

    private static string? Configured => Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_POSTGRES") is { Length: > 0 } admin ? admin : null;

    private static async Task RunHereAsync(string program, string admin, params string[] arguments)
    {
        var builder = new NpgsqlConnectionStringBuilder(admin);
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", builder.Username!, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = builder.Password;
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {error}");
        }
    }
}
