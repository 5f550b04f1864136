using Microsoft.Extensions.Options;
using Npgsql;

namespace SupportPlatform.Inquiry.Retention;

/// <summary>
/// Runs a retention pass every <c>Retention:Interval</c> (default one hour). Every replica runs the
/// timer; the pass's advisory lock lets only one of them purge at a time, and the others skip.
/// </summary>
internal sealed class RetentionJob(RetentionPass pass, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await pass.RunAsync(dryRun: false, stoppingToken) is null)
                    {
                        logger.LogDebug("Another replica is running the retention pass; skipped this tick");
                    }
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    logger.LogWarning(e, "Retention pass failed; what it purged stays purged, the rest is picked up at the next tick");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
