using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SupportPlatform.AppHost;

/// <summary>Provisions the infrastructure, builds and starts every service, waits for health, prints the URLs.</summary>
public sealed class PlatformRunner(string repositoryRoot, AppHostOptions options, ConsoleOutput output)
{
    private const string Self = "apphost";
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    public async Task<int> RunAsync(CancellationToken stopping)
    {
        var clock = Stopwatch.StartNew();
        var infrastructure = new LocalInfrastructure(repositoryRoot, new LineWriter(line => output.Write(Self, line)));
        var children = new List<ServiceProcess>();
        try
        {
            var services = SelectServices();
            var postgres = await infrastructure.PostgresAsync(Environment.GetEnvironmentVariable("ConnectionStrings__postgres"), stopping);
            var rabbitMq = await infrastructure.RabbitMqAsync(Environment.GetEnvironmentVariable("ConnectionStrings__rabbitmq"), stopping);
            var mailFolder = Path.Combine(repositoryRoot, ".data", "mail");
            var mail = MailDelivery.From(Environment.GetEnvironmentVariable, mailFolder);
            if (mail.Settings.Any(s => s.Key == "Smtp__PickupDirectory"))
            {
                Directory.CreateDirectory(mailFolder);
            }

            var platform = new Platform(
                postgres,
                rabbitMq,
                DevSecrets.LoadOrCreate(Path.Combine(repositoryRoot, ".data", "secrets.json")),
                mail,
                Environment.GetEnvironmentVariable("Notification__SupportTeamAddress") is { Length: > 0 } team ? team : "support@example.com",
                services);

            if (options.Build)
            {
                await BuildAsync(services, stopping);
            }

            EnsurePortsFree(services);
            foreach (var service in services)
            {
                var project = Path.Combine(repositoryRoot, service.ProjectPath);
                var assembly = ServiceProject.AssemblyPath(project);
                if (!File.Exists(assembly))
                {
                    throw new InvalidOperationException($"{service.Name}: {assembly} does not exist (run without --no-build)");
                }

                children.Add(ServiceProcess.Start(service, assembly, Path.GetDirectoryName(project)!, platform.EnvironmentFor(service), output));
            }

            if (!await WaitHealthyAsync(children, stopping))
            {
                return 1;
            }

            PrintSummary(platform, infrastructure, clock.Elapsed);
            await WatchAsync(children, stopping);
            return 0;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException)
        {
            output.Write(Self, $"error: {e.Message}");
            return 1;
        }
        finally
        {
            await StopAsync(children);
            if (options.StopInfrastructure)
            {
                await infrastructure.StopAsync();
            }
            else if (infrastructure.PostgresDirectory is not null || infrastructure.StartedRabbitMq)
            {
                output.Write(Self, "PostgreSQL and RabbitMQ keep running for the next start (./run.sh --stop-infra stops them on exit)");
            }
        }
    }

    private List<ServiceDefinition> SelectServices()
    {
        var selected = new List<ServiceDefinition>();
        foreach (var service in ServiceTable.All)
        {
            if (options.Only is not null && !options.Only.Contains(service.Name))
            {
                output.Write(Self, $"skipping {service.Name}: not in --only");
            }
            else if (!File.Exists(Path.Combine(repositoryRoot, service.ProjectPath)))
            {
                output.Write(Self, $"skipping {service.Name}: {service.ProjectPath} does not exist yet");
            }
            else
            {
                selected.Add(service);
            }
        }

        return selected;
    }

    private async Task BuildAsync(IEnumerable<ServiceDefinition> services, CancellationToken stopping)
    {
        foreach (var service in services)
        {
            var clock = Stopwatch.StartNew();
            output.Write(Self, $"building {service.Name} ({ServiceProject.Configuration})");
            var build = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = repositoryRoot };
            foreach (var argument in new[] { "build", service.ProjectPath, "-c", ServiceProject.Configuration, "--nologo", "-v", "q", "-clp:NoSummary" })
            {
                build.ArgumentList.Add(argument);
            }

            using var process = Process.Start(build) ?? throw new InvalidOperationException("could not start dotnet build");
            await process.WaitForExitAsync(stopping);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{service.Name} failed to build (errors above); --only can leave it out");
            }

            output.Write(Self, $"built {service.Name} in {clock.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private static void EnsurePortsFree(IEnumerable<ServiceDefinition> services)
    {
        foreach (var service in services)
        {
            try
            {
                var listener = new TcpListener(IPAddress.Loopback, service.Port);
                listener.Start();
                listener.Stop();
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"{service.Name}: port {service.Port} is already in use (another run of the platform?)");
            }
        }
    }

    private async Task<bool> WaitHealthyAsync(IReadOnlyList<ServiceProcess> children, CancellationToken stopping)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var failures = await Task.WhenAll(children.Select(child => HealthFailureAsync(child, http, stopping)));
        foreach (var (child, failure) in children.Zip(failures).Where(pair => pair.Second is not null))
        {
            output.Write(Self, $"error: {child.Service.Name} {failure}; its last lines:");
            foreach (var line in child.LastLines())
            {
                output.Write(Self, "    " + line);
            }
        }

        return failures.All(f => f is null);
    }

    /// <summary>Null once <c>/health</c> answers 200; otherwise why it never did.</summary>
    private async Task<string?> HealthFailureAsync(ServiceProcess child, HttpClient http, CancellationToken stopping)
    {
        var health = new Uri(child.Service.Url, "/health");
        var deadline = Stopwatch.StartNew();
        var lastAnswer = "no answer";
        while (deadline.Elapsed < options.HealthTimeout)
        {
            if (child.HasExited)
            {
                return $"exited with code {child.ExitCode} while starting";
            }

            try
            {
                using var response = await http.GetAsync(health, stopping);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    output.Write(Self, $"{child.Service.Name} is healthy after {deadline.Elapsed.TotalSeconds:0.0} s");
                    return null;
                }

                lastAnswer = $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(stopping)}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stopping.IsCancellationRequested)
            {
                lastAnswer = e.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), stopping);
        }

        return $"did not answer 200 on {health} within {options.HealthTimeout.TotalSeconds:0} s (last: {lastAnswer})";
    }

    private void PrintSummary(Platform platform, LocalInfrastructure infrastructure, TimeSpan elapsed)
    {
        var lines = new List<string> { "", $"SupportPlatform is up in {elapsed.TotalSeconds:0.0} s", "" };
        foreach (var service in platform.Services)
        {
            lines.Add($"  {service.Name,-14}{service.Url.ToString().TrimEnd('/'),-26}OpenAPI {new Uri(service.Url, "/openapi/v1.json")}");
        }

        foreach (var missing in ServiceTable.All.Where(s => platform.Services.All(p => p.Name != s.Name)))
        {
            lines.Add($"  {missing.Name,-14}not running ({missing.ProjectPath} missing or left out)");
        }

        lines.Add("");
        lines.Add($"  {"RabbitMQ UI",-14}{(infrastructure.RabbitMqManagement is { } ui ? $"{ui} (guest/guest)" : "external broker (ConnectionStrings__rabbitmq)")}");
        lines.Add($"  {"PostgreSQL",-14}{platform.Postgres}");
        lines.Add($"  {"Email",-14}{platform.Mail.Description}");
        lines.Add("");
        lines.AddRange(DemoAccountLines(platform));
        lines.Add("");
        lines.Add("Ctrl+C stops the services.");
        foreach (var line in lines)
        {
            output.Write(line);
        }
    }

    /// <summary>
    /// The Agent desk seeds its demo staff accounts with the password it is given
    /// (<c>DemoAccounts__Password</c>, kept in .data/secrets.json), so the AppHost can print them.
    /// Until the desk exists, scripts get ready-made staff tokens signed with the platform's key.
    /// </summary>
    private static IEnumerable<string> DemoAccountLines(Platform platform)
    {
        if (platform.Services.FirstOrDefault(s => s.Name == ServiceTable.AgentDesk) is { } desk)
        {
            yield return $"Demo accounts (Agent desk {desk.Url.ToString().TrimEnd('/')}):";
            foreach (var account in ServiceTable.DemoAccounts)
            {
                yield return $"  {account,-26}password {platform.Secrets.DemoPassword}";
            }

            yield break;
        }

        yield return $"Agent desk not built yet: no demo accounts. Staff tokens for scripts (Authorization: Bearer …, valid {DemoTokens.Lifetime.TotalHours:0} h):";
        foreach (var (role, token) in DemoTokens.Issue(platform.Secrets.SigningKey, TimeProvider.System.GetUtcNow()))
        {
            yield return $"  {role,-12}{token}";
        }
    }

    /// <summary>Reports a service that dies while the platform runs; the others keep running.</summary>
    private async Task WatchAsync(IReadOnlyList<ServiceProcess> children, CancellationToken stopping)
    {
        await Task.WhenAll(children.Select(async child =>
        {
            try
            {
                await child.WaitForExitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            output.Write(Self, $"error: {child.Service.Name} exited with code {child.ExitCode}; its last lines:");
            foreach (var line in child.LastLines())
            {
                output.Write(Self, "    " + line);
            }
        }));
        await Task.Delay(Timeout.Infinite, stopping);
    }

    private async Task StopAsync(IReadOnlyList<ServiceProcess> children)
    {
        if (children.Count == 0)
        {
            return;
        }

        output.Write(Self, "stopping the services");
        await Task.WhenAll(children.Select(child => child.StopAsync(StopGrace)));
        foreach (var child in children)
        {
            await child.DisposeAsync();
        }

        output.Write(Self, "all services stopped");
    }
}
