using Microsoft.Extensions.Options;
using Npgsql;
using SupportPlatform.Postgres;

namespace SupportPlatform.Inquiry.Retention;

/// <summary>
/// Runs a retention pass every <c>Retention:Interval</c> (default one hour) on one replica: the one
/// holding the job's leadership, a session advisory lock kept on a connection of its own for as
/// long as the replica lives. The others try to take it every <c>Retention:LeadershipPoll</c>, so
/// when the leader dies (and PostgreSQL ends its session, and the lock with it) another replica
/// runs the passes within a poll — the same way Marten's daemon leadership moves. Each pass still
/// takes the pass lock of <see cref="RetentionPass"/>, which keeps it apart from a pass started by
/// hand on any replica.
/// </summary>
internal sealed class RetentionJob(
    NpgsqlDataSource dataSource, RetentionPass pass, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionJob> logger) : BackgroundService
{
    public const string LeadershipLock = "retention-job:" + InquiryStore.Schema;

    private NpgsqlConnection? _leaderConnection;
    private AdvisoryLocks.SessionLock? _leadership;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        var poll = options.Value.LeadershipPoll < interval ? options.Value.LeadershipPoll : interval;
        var nextPass = time.GetUtcNow() + interval;
        // Created before the first await, so a tick of a test's fake clock is never missed.
        using var timer = new PeriodicTimer(poll, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (!await LeadsAsync(stoppingToken) || time.GetUtcNow() < nextPass)
                    {
                        continue;
                    }

                    nextPass = time.GetUtcNow() + interval;
                    if (await pass.RunAsync(dryRun: false, stoppingToken) is null)
                    {
                        logger.LogDebug("A retention pass started by hand is running; skipped this tick");
                    }
                }
                catch (Exception e) when (PeriodicPasses.IsDatabaseFault(e))
                {
                    logger.LogWarning(e, "Retention pass failed; what it purged stays purged, the rest is picked up at the next tick");
                    await StepDownAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await StepDownAsync();
        }
    }

    /// <summary>
    /// True while this replica holds the leadership: a leader proves its session is still alive
    /// (the lock lives exactly as long as it); a follower, or a leader whose session ended, tries
    /// to take the lock.
    /// </summary>
    private async Task<bool> LeadsAsync(CancellationToken cancellationToken)
    {
        if (_leaderConnection is not null)
        {
            try
            {
                await using var alive = new NpgsqlCommand("SELECT 1", _leaderConnection);
                await alive.ExecuteScalarAsync(cancellationToken);
                return true;
            }
            catch (Exception e) when (PeriodicPasses.IsDatabaseFault(e))
            {
                logger.LogWarning(e, "The retention job's session ended, and its leadership with it; trying to take it again");
                await StepDownAsync();
            }
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        AdvisoryLocks.SessionLock? leadership = null;
        try
        {
            leadership = await AdvisoryLocks.TryLockSessionAsync(connection, LeadershipLock, cancellationToken);
        }
        finally
        {
            if (leadership is null)
            {
                await connection.DisposeAsync();
            }
        }

        if (leadership is null)
        {
            return false;
        }

        (_leaderConnection, _leadership) = (connection, leadership);
        logger.LogInformation("This replica now runs the retention job");
        return true;
    }

    private async Task StepDownAsync()
    {
        if (_leaderConnection is null)
        {
            return;
        }

        try
        {
            await _leadership!.DisposeAsync();
        }
        catch (Exception e) when (PeriodicPasses.IsDatabaseFault(e))
        {
            // The session is gone, and the lock with it.
        }

        await _leaderConnection.DisposeAsync();
        (_leaderConnection, _leadership) = (null, null);
    }
}
