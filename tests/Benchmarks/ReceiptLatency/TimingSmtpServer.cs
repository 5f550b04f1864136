using SupportPlatform.Testing;

namespace SupportPlatform.Benchmarks.ReceiptLatency;

/// <summary>aiosmtpd with <c>smtp_handlers.Timing</c>: stores nothing, logs "recipient time" per accepted message.</summary>
public sealed class TimingSmtpServer() : SmtpServer("smtp_handlers.Timing", AppContext.BaseDirectory)
{
    public string ReceivedLog => Path.Combine(Maildir, "received.log");

    public async Task<IReadOnlyList<(string Recipient, double ReceivedAt)>> ReceivedAsync()
    {
        if (!File.Exists(ReceivedLog))
        {
            return [];
        }

        // Shared read: the server keeps the log open for appending.
        await using var stream = new FileStream(ReceivedLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var received = new List<(string, double)>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ');
            if (parts.Length == 2)
            {
                received.Add((parts[0], double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return received;
    }
}
