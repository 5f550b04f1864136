using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SupportPlatform.AppHost;

/// <summary>
/// One running service: <c>dotnet &lt;dll&gt;</c> in its project folder (as <c>dotnet run</c> would,
/// so a Development content root finds its static assets), output prefixed with its name, the last
/// lines kept for error reports.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private const int SigTerm = 15;

    private readonly Process process;
    private readonly ConsoleOutput output;
    private readonly Queue<string> lastLines = new();

    private ServiceProcess(ServiceDefinition service, Process process, ConsoleOutput output)
    {
        Service = service;
        this.process = process;
        this.output = output;
    }

    public ServiceDefinition Service { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public static ServiceProcess Start(ServiceDefinition service, string assemblyPath, string workingDirectory, IReadOnlyDictionary<string, string> environment, ConsoleOutput output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assemblyPath);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ServiceProcess(service, process, output);
        process.OutputDataReceived += (_, e) => child.Line(e.Data);
        process.ErrorDataReceived += (_, e) => child.Line(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public IReadOnlyList<string> LastLines()
    {
        lock (lastLines)
        {
            return [.. lastLines];
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGTERM (the host's graceful shutdown), then a kill if it does not finish in time.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        _ = Kill(process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            output.Write(Service.Name, $"did not stop within {grace.TotalSeconds:0} s; killing it");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        process.Dispose();
    }

    private void Line(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > KeptLines)
            {
                lastLines.Dequeue();
            }
        }

        output.Write(Service.Name, line);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
