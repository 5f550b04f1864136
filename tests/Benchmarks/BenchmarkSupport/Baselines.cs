using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace SupportPlatform.Benchmarks;

public static class Sql
{
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

public static class Pgbench
{
    /// <summary>Runs pgbench with a custom script and returns its transactions per second.</summary>
    public static async Task<double> RunAsync(NpgsqlConnectionStringBuilder target, string script, int clients, int seconds)
    {
        var executable = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetFiles("/usr/lib/postgresql", "pgbench", SearchOption.AllDirectories).OrderDescending().FirstOrDefault() ?? "pgbench"
            : "pgbench";
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", script, "-h", target.Host!, "-p", target.Port.ToString(CultureInfo.InvariantCulture), "-U", target.Username!, target.Database! },
        };
        if (!string.IsNullOrEmpty(target.Password))
        {
            start.Environment["PGPASSWORD"] = target.Password;
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"pgbench failed: {output}\n{errors}");
        return double.Parse(line["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}

public static class Stats
{
    public static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    public static double Median(List<double> values) => Percentile([.. values.Order()], 0.5);
}
