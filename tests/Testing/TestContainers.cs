using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace SupportPlatform.Testing;

/// <summary>
/// The PostgreSQL and RabbitMQ containers of this test assembly: one each, started on first use
/// and shared by every test class (each class still gets its own database and vhost, so classes
/// run in parallel). dotnet test runs every test assembly in its own process, so "static" means
/// "per assembly". Images are configuration (<c>SUPPORTPLATFORM_TEST_POSTGRES_IMAGE</c>,
/// <c>SUPPORTPLATFORM_TEST_RABBITMQ_IMAGE</c>), the official ones by default.
/// </summary>
internal static class TestContainers
{
    public const string DefaultPostgresImage = "postgres:15";
    public const string DefaultRabbitMqImage = "rabbitmq:3.13-management";

    /// <summary>test.sh labels the containers of one run with its id and removes them at the end, in case Ryuk is off and a test host dies.</summary>
    private const string RunLabel = "org.supportplatform.test-run";

    private const ushort RabbitMqManagementPort = 15672;

    private static readonly Lazy<Task<PostgreSqlContainer>> Postgres = new(StartPostgresAsync);
    private static readonly Lazy<Task<RabbitMqContainer>> RabbitMq = new(StartRabbitMqAsync);

    public static async Task<string> PostgresAdminAsync()
    {
        var container = await Postgres.Value;
        return $"{container.GetConnectionString()};Maximum Pool Size=20";
    }

    /// <summary>Runs a program inside the PostgreSQL container (its pg_dump and pg_restore match the server); throws on a non-zero exit.</summary>
    public static async Task ExecInPostgresAsync(params string[] command)
    {
        var container = await Postgres.Value;
        var result = await container.ExecAsync(command);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command[0]} exited with {result.ExitCode}: {result.Stderr}");
        }
    }

    public static async Task<(Uri Amqp, Uri Management)> RabbitMqAsync()
    {
        var container = await RabbitMq.Value;
        var amqp = new Uri(container.GetConnectionString());
        var management = new UriBuilder("http", container.Hostname, container.GetMappedPublicPort(RabbitMqManagementPort))
        {
            UserName = RabbitMqBuilder.DefaultUsername,
            Password = RabbitMqBuilder.DefaultPassword,
        }.Uri;
        return (amqp, management);
    }

    private static async Task<PostgreSqlContainer> StartPostgresAsync()
    {
        var container = new PostgreSqlBuilder(Image("SUPPORTPLATFORM_TEST_POSTGRES_IMAGE", DefaultPostgresImage))
            .WithLabel(RunLabel, RunId)
            // Every test class of the assembly opens its own pools at once.
            .WithCommand("-c", "max_connections=400")
            // Docker's default 64 MB /dev/shm is too small for parallel query workers under load.
            .WithCreateParameterModifier(parameters => parameters.HostConfig!.ShmSize = 256L * 1024 * 1024)
            .Build();
        await container.StartAsync();
        RemoveWhenThisProcessEnds(container.Id);
        return container;
    }

    private static async Task<RabbitMqContainer> StartRabbitMqAsync()
    {
        var container = new RabbitMqBuilder(Image("SUPPORTPLATFORM_TEST_RABBITMQ_IMAGE", DefaultRabbitMqImage))
            .WithLabel(RunLabel, RunId)
            // Each test class creates its own vhost through the management API.
            .WithPortBinding(RabbitMqManagementPort, true)
            .Build();
        await container.StartAsync();
        RemoveWhenThisProcessEnds(container.Id);
        return container;
    }

    public const string DefaultDovecotImage = "local/dovecot:2.3";

    /// <summary>A Dovecot of its own (the support mailbox of one test class), with one account; removed when the process ends if not before.</summary>
    public static async Task<DotNet.Testcontainers.Containers.IContainer> StartDovecotAsync(string user, string password, ushort imapPort)
    {
        var container = new DotNet.Testcontainers.Builders.ContainerBuilder(Image("SUPPORTPLATFORM_TEST_DOVECOT_IMAGE", DefaultDovecotImage))
            .WithLabel(RunLabel, RunId)
            .WithEnvironment("MAIL_USER", user)
            .WithEnvironment("MAIL_PASSWORD", password)
            .WithPortBinding(imapPort, true)
            .WithWaitStrategy(DotNet.Testcontainers.Builders.Wait.ForUnixContainer().UntilMessageIsLogged("starting up for imap"))
            .Build();
        await container.StartAsync();
        RemoveWhenThisProcessEnds(container.Id);
        return container;
    }

    private static string RunId => Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_RUN_ID") is { Length: > 0 } run ? run : "none";

    private static string Image(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } image ? image : fallback;

    /// <summary>
    /// Ryuk, Testcontainers' reaper, removes a test run's containers once the run's process is
    /// gone. Where its image cannot be pulled (TESTCONTAINERS_RYUK_DISABLED=true) a detached shell
    /// does the same for this container: the test host cannot do it itself, since VSTest kills it
    /// 100 ms after the last test, and a hung host is killed outright.
    /// </summary>
    private static void RemoveWhenThisProcessEnds(string containerId)
    {
        if (!string.Equals(Environment.GetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase)
            || !OperatingSystem.IsLinux())
        {
            return;
        }

        // No redirection: the shell lets go of the test host's stdio at once (exec ... /dev/null),
        // so nothing waits on it.
        var watcher = new System.Diagnostics.ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-f", "/bin/sh", "-c",
            "exec </dev/null >/dev/null 2>&1; while kill -0 \"$0\"; do sleep 1; done; exec docker rm -f -v \"$1\"",
            Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), containerId,
        })
        {
            watcher.ArgumentList.Add(argument);
        }

        using var started = System.Diagnostics.Process.Start(watcher);
        started?.WaitForExit(TimeSpan.FromSeconds(5));
    }
}
