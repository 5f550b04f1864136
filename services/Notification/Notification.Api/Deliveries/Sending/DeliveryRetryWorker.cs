using Microsoft.Extensions.Options;
using Npgsql;

namespace SupportPlatform.Notification.Deliveries.Sending;

/// <summary>
/// Re-sends pending deliveries that are due: those deferred after a transient SMTP failure, and
/// those whose claim expired because a process died mid-send. MassTransit's in-memory retry gives
/// up after seconds and would park the message in the error queue; the delivery table keeps trying
/// with backoff for as long as <see cref="NotificationOptions.GiveUpAfter"/>, so an SMTP outage of
/// minutes still ends in exactly one email once the server is back. Replicas share the work
/// (<c>FOR UPDATE SKIP LOCKED</c> plus the claim), so no lock is needed.
/// </summary>
public sealed partial class DeliveryRetryWorker(
    DeliveryStore store,
    DeliveryDispatcher dispatcher,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    ILogger<DeliveryRetryWorker> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private const int Parallelism = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetryPollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await ResendDueAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                LogPollFailed(e);
            }
        }
    }

    /// <summary>Sends one batch of due deliveries; returns how many were claimed.</summary>
    public async Task<int> ResendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await store.ClaimDueAsync(BatchSize, now, dispatcher.LeaseUntil(now), cancellationToken);
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (delivery, token) => await dispatcher.SendAsync(delivery, token));
        return due.Count;
    }

    [LoggerMessage(LogLevel.Warning, "Looking for due deliveries failed; trying again at the next tick")]
    private partial void LogPollFailed(Exception exception);
}
