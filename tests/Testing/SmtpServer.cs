using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace SupportPlatform.Testing;

/// <summary>
/// A real SMTP server for a test class: Debian's aiosmtpd storing every accepted message in a
/// Maildir. <see cref="StopAsync"/> and <see cref="StartAsync"/> take it down and bring it back on
/// the same port (an outage). Subclass with another handler (a Python class, importable from
/// <c>pythonPath</c>) to make it reject or stamp messages.
/// </summary>
public class SmtpServer : IAsyncLifetime
{
    private readonly string handler;
    private readonly string? pythonPath;
    private Process? process;

    public SmtpServer() : this("aiosmtpd.handlers.Mailbox", null)
    {
    }

    protected SmtpServer(string handler, string? pythonPath)
    {
        this.handler = handler;
        this.pythonPath = pythonPath;
        Port = FreePort();
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The Maildir the handler writes to (its <c>new/</c> and <c>cur/</c> hold the messages).</summary>
    public string Maildir { get; } = Path.Combine(Path.GetTempPath(), TestServers.UniqueName("smtp"));

    public bool IsRunning => process is { HasExited: false };

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(TestServers.SmtpPython)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port}", "-c", handler, Maildir },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (pythonPath is not null)
        {
            start.Environment["PYTHONPATH"] = pythonPath;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {TestServers.SmtpPython}.");
        // Drain the pipes so a chatty server can never block on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await AcceptsConnectionsAsync())
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with {process.ExitCode} ({handler}); is python3-aiosmtpd installed for {TestServers.SmtpPython}?");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"aiosmtpd did not listen on {Host}:{Port} within 20 s.");
            }

            await Task.Delay(50);
        }
    }

    public async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    /// <summary>Every message accepted so far, raw RFC 822 text, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ReadMessagesAsync()
    {
        var files = new[] { "new", "cur" }
            .Select(folder => Path.Combine(Maildir, folder))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Select(path => new FileInfo(path))
            .OrderBy(file => file.LastWriteTimeUtc)
            .ToList();
        var messages = new List<string>(files.Count);
        foreach (var file in files)
        {
            messages.Add(await File.ReadAllTextAsync(file.FullName));
        }

        return messages;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(Maildir))
        {
            Directory.Delete(Maildir, recursive: true);
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Parse(Host), Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
