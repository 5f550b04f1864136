using Microsoft.Extensions.Logging;
using Npgsql;

namespace SupportPlatform.Postgres;

/// <summary>
/// The loop of a background pass over the database: every tick of the service's clock, one pass. A
/// pass that meets a database fault or timeout is logged and left to the next tick, because what it
/// committed stays committed and the rest is found again; any other exception stops the host as it
/// should. Stopping ends the loop quietly.
/// </summary>
public static class PeriodicPasses
{
    public static async Task RunEveryAsync(
        TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> pass, ILogger logger, string failure, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await pass(stoppingToken);
                }
                catch (Exception e) when (IsDatabaseFault(e))
                {
                    logger.LogWarning(e, "{Failure}", failure);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// A database fault or timeout, also inside a wrapper: Marten wraps Npgsql's in a
    /// <c>MartenCommandException</c>. Unseen, a connection that timed out on an overloaded server
    /// stopped the whole host (the fault suite's leader-kill lost both Inquiry replicas so).
    /// </summary>
    public static bool IsDatabaseFault(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is NpgsqlException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
