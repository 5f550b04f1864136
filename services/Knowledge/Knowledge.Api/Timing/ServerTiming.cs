using System.Diagnostics;
using System.Globalization;

namespace SupportPlatform.Knowledge.Timing;

/// <summary>
/// Adds <c>Server-Timing: app;dur=&lt;ms&gt;</c> to every API response: the time from this middleware
/// (after routing) to the first response byte. Benchmarks read it to separate server time from
/// client and network time.
/// </summary>
public static class ServerTiming
{
    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers["Server-Timing"] = "app;dur=" + elapsed.ToString("0.###", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        await next(context);
    });
}
