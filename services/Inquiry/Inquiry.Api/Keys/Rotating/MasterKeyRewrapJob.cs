using Npgsql;

namespace SupportPlatform.Inquiry.Keys.Rotating;

/// <summary>
/// Refuses to start while a wrapped key names a master key that is not configured (what it wraps
/// could not be opened), then re-wraps at start and every <c>Keys:RewrapInterval</c> (default one
/// minute) whatever is not on the current master key. Every replica runs the timer; the run's
/// advisory lock lets one of them work at a time.
/// </summary>
internal sealed class MasterKeyRewrapJob(MasterKeyRewrap rewrap, TimeProvider time, IConfiguration configuration, ILogger<MasterKeyRewrapJob> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var status = await rewrap.StatusAsync(cancellationToken);
        if (status.Missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Master keys {string.Join(", ", status.Missing)} still wrap data keys but are not configured: "
                + "add them as PersonalData:AcceptedMasterKeys:<id> until the re-wrap has moved everything (docs/operations.md).");
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue("Keys:RewrapInterval", TimeSpan.FromMinutes(1)), time);
        try
        {
            do
            {
                try
                {
                    await rewrap.RunAsync(stoppingToken);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    logger.LogWarning(e, "Re-wrapping data keys failed; what moved stays moved, the rest is picked up at the next tick");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
