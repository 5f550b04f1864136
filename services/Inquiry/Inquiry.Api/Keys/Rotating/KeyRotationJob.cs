using Npgsql;

namespace SupportPlatform.Inquiry.Keys.Rotating;

/// <summary>
/// Refuses to start while a wrapped key names a master key that is not configured (what it wraps
/// could not be opened), then, at start and every <c>Keys:RewrapInterval</c> (default one minute),
/// re-wraps whatever is not on the current master key and re-hashes whatever is not on the current
/// lookup key. Every replica runs the timer; each move's advisory lock lets one of them work at a time.
/// A lookup key in use but not configured does not stop the start: the re-hash needs only the data keys.
/// </summary>
internal sealed class KeyRotationJob(KeyRotation rotation, TimeProvider time, IConfiguration configuration, ILogger<KeyRotationJob> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var status = await rotation.StatusAsync(cancellationToken);
        if (status.Missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Master keys {string.Join(", ", status.Missing)} still wrap data keys but are not configured: "
                + "add them as PersonalData:AcceptedMasterKeys:<id> until the re-wrap has moved everything (docs/operations.md).");
        }

        if (status.LookupKeys.Missing.Count > 0)
        {
            logger.LogWarning(
                "Lookup keys {LookupKeyIds} still hashed inquiries but are not configured: lookups by address or word miss those until the re-hash has moved them",
                string.Join(", ", status.LookupKeys.Missing));
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
                await MoveAsync("Re-wrapping data keys", rotation.MasterKeys.RunAsync, stoppingToken);
                await MoveAsync("Re-hashing lookup hashes", rotation.LookupKeys.RunAsync, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task MoveAsync(string what, Func<CancellationToken, Task<long?>> run, CancellationToken stoppingToken)
    {
        try
        {
            await run(stoppingToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(e, "{Move} failed; what moved stays moved, the rest is picked up at the next tick", what);
        }
    }
}
