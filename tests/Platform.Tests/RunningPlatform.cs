using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace SupportPlatform.Platform.Tests;

/// <summary>
/// The real AppHost, started once for the collection through Aspire.Hosting.Testing: PostgreSQL and
/// RabbitMQ as containers (local images where ContainerImages__* say so, as run.sh sets them), the
/// SMTP catcher, every service. Ports are Aspire's pick and nothing is kept, so it runs beside a
/// developer's ./run.sh. Every service exports its telemetry to <see cref="Telemetry"/>.
/// </summary>
public sealed class RunningPlatform : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);

    private DistributedApplication? app;
    private OtlpReceiver? telemetry;

    public DistributedApplication App => app ?? throw new InvalidOperationException("the platform is not started");

    public OtlpReceiver Telemetry => telemetry ?? throw new InvalidOperationException("the platform is not started");

    /// <summary>Every resource's console output since the start.</summary>
    public ResourceLogs ConsoleLogs { get; } = new();

    /// <summary>Where the SMTP catcher stores the mail it receives (a Maildir).</summary>
    public string Maildir { get; } = Path.Combine(Path.GetTempPath(), $"supportplatform-platform-tests-{Guid.NewGuid():N}", "mail");

    /// <summary>Every resource that runs (parameters and derived values only hold values).</summary>
    public IReadOnlyList<IResource> Resources =>
        [.. App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Where(SupportPlatform.AppHost.ReadyBanner.Runs)];

    public async Task InitializeAsync()
    {
        ContainerEngine.EnsureUsable();
        telemetry = await OtlpReceiver.StartAsync();
        using var starting = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Platform:FixedPorts=false", "--Platform:KeepData=false", $"--Platform:Maildir={Maildir}"],
            starting.Token);
        builder.Services.AddLogging(logging => logging.AddProvider(ConsoleLogs).AddFilter<ResourceLogs>(null, LogLevel.Trace));
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", telemetry.Endpoint.ToString().TrimEnd('/'))
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "200");
        }

        app = await builder.BuildAsync(starting.Token);
        await app.StartAsync(starting.Token);
        try
        {
            await Task.WhenAll(Resources.Select(r => app.ResourceNotifications.WaitForResourceHealthyAsync(r.Name, starting.Token)));
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"not every resource became healthy within {StartTimeout}:\n{string.Join('\n', Resources.Select(Describe))}");
        }
    }

    /// <summary>A resource's state and health checks, as the dashboard would show them.</summary>
    public string Describe(IResource resource)
    {
        if (!App.ResourceNotifications.TryGetCurrentState(resource.Name, out var current))
        {
            return $"{resource.Name}: no state";
        }

        var snapshot = current.Snapshot;
        var checks = string.Join(", ", snapshot.HealthReports.Select(h => $"{h.Name}={h.Status} {h.Description} {h.ExceptionText}"));
        return $"{resource.Name}: {snapshot.State?.Text} health={snapshot.HealthStatus} [{checks}]";
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (telemetry is not null)
        {
            await telemetry.DisposeAsync();
        }

        var root = Path.GetDirectoryName(Maildir)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The raw messages the SMTP catcher stored.</summary>
    public IEnumerable<string> CaughtMail() =>
        Directory.Exists(Path.Combine(Maildir, "new"))
            ? Directory.GetFiles(Path.Combine(Maildir, "new")).Select(File.ReadAllText)
            : [];
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlatformCollection : ICollectionFixture<RunningPlatform>
{
    public const string Name = "the platform under its AppHost";
}

/// <summary>
/// A container resource whose engine is unusable waits forever instead of failing: check first and
/// say what is wrong (run.sh and test.sh prepare the engine with deploy/images/prepare.sh).
/// </summary>
public static class ContainerEngine
{
    public static void EnsureUsable()
    {
        var info = new ProcessStartInfo("docker", ["info", "--format", "{{.ServerVersion}}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var docker = Process.Start(info) ?? throw new InvalidOperationException("could not start the docker CLI");
        if (!docker.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            docker.Kill();
            throw new InvalidOperationException("`docker info` did not answer within 30 s: the container engine is not usable (deploy/images/prepare.sh starts one)");
        }

        if (docker.ExitCode != 0)
        {
            throw new InvalidOperationException($"no usable container engine (`docker info` failed: {docker.StandardError.ReadToEnd().Trim()}); deploy/images/prepare.sh starts one");
        }
    }
}
