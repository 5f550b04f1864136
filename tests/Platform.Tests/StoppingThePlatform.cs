using System.Diagnostics;
using System.Text;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Platform.Tests;

/// <summary>
/// ./run.sh as a person runs it, stopped the way Ctrl+C or a process manager stops it: SIGTERM to
/// its pid. Every process it started (the AppHost, Aspire's orchestrator, the services, the SMTP
/// catcher) and every container must be gone within 30 s. Its processes are recognised by a marker
/// in their environment, which each inherits; its containers by the orchestrator's creator label.
/// </summary>
[Collection(RunShCollection.Name)]
public sealed class StoppingThePlatform
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SIGTERM_to_run_sh_leaves_no_process_and_no_container_within_30_seconds()
    {
        ContainerEngine.EnsureUsable();
        var marker = $"SUPPORTPLATFORM_STOP_TEST={Guid.NewGuid():N}";
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        var maildir = Directory.CreateTempSubdirectory("supportplatform-stop-test").FullName;
        var start = new ProcessStartInfo(Path.Combine(root, "run.sh"), ["--Platform:FixedPorts=false", "--Platform:KeepData=false", $"--Platform:Maildir={maildir}"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[marker.Split('=')[0]] = marker.Split('=')[1];
        // Aspire picks the dashboard's ports, so a developer's ./run.sh may run beside this one.
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = "http://127.0.0.1:0";
        var output = new StringBuilder();
        var up = new TaskCompletionSource();
        using var run = new Process { StartInfo = start };
        run.OutputDataReceived += (_, e) => Seen(e.Data);
        run.ErrorDataReceived += (_, e) => Seen(e.Data);
        try
        {
            run.Start();
            run.BeginOutputReadLine();
            run.BeginErrorReadLine();
            var finished = await Task.WhenAny(up.Task, run.WaitForExitAsync(), Task.Delay(RunningPlatform.StartTimeout));
            Assert.True(up.Task.IsCompleted, $"./run.sh did not come up:\n{Tail()}");

            var processes = Marked(marker);
            var commands = processes.Select(p => p.Command).ToList();
            Assert.Contains(commands, c => c.Contains("SupportPlatform.AppHost.dll", StringComparison.Ordinal));
            Assert.Contains(commands, c => c.Contains("mailcatcher.py", StringComparison.Ordinal));
            Assert.All(new[] { "Inquiry", "Knowledge", "Notification" }, service =>
                Assert.Contains(commands, c => c.Contains($"SupportPlatform.{service}.Api", StringComparison.Ordinal)));
            var containers = await ContainersOfAsync(processes);
            Assert.Equal(3, containers.Count); // PostgreSQL, RabbitMQ and the support mailbox

            var stopping = Stopwatch.StartNew();
            Assert.Equal(0, Kill(run.Id, 15));
            await Eventually.TrueAsync(
                async () => Marked(marker).Count == 0 && (await RunningAsync(containers)).Count == 0,
                "every process and container of the run to be gone",
                StopLimit);
            Assert.True(run.HasExited, "run.sh's own process is still running");
            Assert.InRange(stopping.Elapsed, TimeSpan.Zero, StopLimit);
        }
        finally
        {
            foreach (var left in Marked(marker))
            {
                Kill(left.Pid, 9);
            }

            Directory.Delete(maildir, recursive: true);
        }

        void Seen(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.StartsWith("SupportPlatform is up", StringComparison.Ordinal))
            {
                up.TrySetResult();
            }
        }

        string Tail()
        {
            lock (output)
            {
                return string.Join('\n', output.ToString().Split('\n').TakeLast(40));
            }
        }
    }

    /// <summary>Processes whose environment carries <paramref name="marker"/> (children inherit it).</summary>
    private static List<(int Pid, string Command)> Marked(string marker)
    {
        var found = new List<(int, string)>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(directory, "environ")).Split('\0');
                if (environment.Contains(marker))
                {
                    found.Add((pid, File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ')));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }

        return found;
    }

    /// <summary>The containers Aspire's orchestrator created for this run (it labels them with its pid).</summary>
    private static async Task<List<string>> ContainersOfAsync(IEnumerable<(int Pid, string Command)> processes)
    {
        var containers = new List<string>();
        foreach (var (pid, _) in processes.Where(p => p.Command.Contains("dcp", StringComparison.Ordinal)))
        {
            containers.AddRange(await DockerAsync("ps", "-q", "--no-trunc", "--filter", $"label=com.microsoft.developer.usvc-dev.creatorProcessId={pid}"));
        }

        return containers;
    }

    private static async Task<List<string>> RunningAsync(IEnumerable<string> containers)
    {
        var running = await DockerAsync("ps", "-q", "--no-trunc");
        return [.. containers.Where(running.Contains)];
    }

    private static async Task<List<string>> DockerAsync(params string[] arguments)
    {
        using var docker = Process.Start(new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true })!;
        var lines = await docker.StandardOutput.ReadToEndAsync();
        await docker.WaitForExitAsync();
        return [.. lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>Its own AppHost, after (never beside) the shared one: two platforms at once would only measure the machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunShCollection
{
    public const string Name = "./run.sh";
}
