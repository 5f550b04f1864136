using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SupportPlatform.Platform.Tests;

/// <summary>
/// Every console line of every resource, as the dashboard's console logs show it: Aspire.Hosting.Testing
/// forwards each resource's output to the AppHost's loggers under the category
/// <c>{application}.Resources.{resource}</c>, and this provider keeps those lines from the start on,
/// restarts included.
/// </summary>
public sealed class ResourceLogs : ILoggerProvider
{
    private const string Marker = ".Resources.";

    private readonly ConcurrentQueue<(string Resource, string Line)> lines = new();

    public IReadOnlyList<(string Resource, string Line)> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName)
    {
        var at = categoryName.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : new Capture(categoryName[(at + Marker.Length)..], lines);
    }

    public void Dispose()
    {
    }

    private sealed class Capture(string resource, ConcurrentQueue<(string, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((resource, formatter(state, exception)));
    }
}
