namespace SupportPlatform.Inquiry.ServiceLevels.Revising;

/// <summary>
/// At start, before the daemon projects anything: records the configuration's revision if it is
/// new and puts the latest revision in force. Then, every <c>ServiceLevels:RefreshInterval</c>
/// (default 30 s, real time), takes up a revision another replica saved.
/// </summary>
internal sealed class ServiceLevelRevisionsOnStart(
    ServiceLevelRevisions revisions, IConfiguration configuration, TimeProvider time, ILogger<ServiceLevelRevisionsOnStart> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await revisions.RecordConfigurationAsync(SlaConfiguration.ReadSettings(configuration), time.GetUtcNow(), cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue("ServiceLevels:RefreshInterval", TimeSpan.FromSeconds(30)), TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await revisions.RefreshAsync(stoppingToken);
                }
                catch (Npgsql.NpgsqlException e)
                {
                    logger.LogWarning(e, "Could not read the service-level revision in force; keeping the one this replica has");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
