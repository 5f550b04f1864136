using Npgsql;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Postgres;

namespace SupportPlatform.Inquiry.Keys.Rotating;

/// <summary>
/// The run both key moves share (the master key's re-wrap, the lookup key's re-hash): one replica at
/// a time under an advisory lock, batches of their own transaction until one finds nothing left,
/// and the run's progress reported after each batch for the status page. What a batch committed stays
/// committed, so a run stopped anywhere goes on from there at the next.
/// </summary>
internal static class KeyMoveRuns
{
    /// <summary>The run's total, or null when another replica holds the lock.</summary>
    public static async Task<long?> RunAsync(
        NpgsqlDataSource dataSource, string lockKey, TimeProvider time, Func<CancellationToken, Task<int>> batch, Action<RewrapRunView> report, CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var runLock = await AdvisoryLocks.TryLockSessionAsync(lockConnection, lockKey, cancellationToken);
        if (runLock is null)
        {
            return null;
        }

        var run = new RewrapRunView(time.GetUtcNow(), null, 0);
        report(run);
        int moved;
        do
        {
            moved = await batch(cancellationToken);
            run = run with { Moved = run.Moved + moved };
            report(run);
        }
        while (moved > 0);

        report(run with { FinishedAt = time.GetUtcNow() });
        return run.Moved;
    }
}
