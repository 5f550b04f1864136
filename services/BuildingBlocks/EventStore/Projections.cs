using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SupportPlatform.EventStore;

/// <summary>A read model kept from the global log. Its effects and its checkpoint commit together.</summary>
public interface IProjection
{
    /// <summary>The checkpoint name; unique within the schema.</summary>
    string Name { get; }

    Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken);

    /// <summary>Empties the read model before a rebuild.</summary>
    Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}

public sealed class ProjectionRunner(EventStore store, IProjection projection)
{
    public IProjection Projection { get; } = projection;

    /// <summary>
    /// Applies the next batch and moves the checkpoint in one transaction. Returns how many events
    /// were applied: 0 when caught up, or when another replica is running this projection right now.
    /// </summary>
    public async Task<int> RunOnceAsync(int batchSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await TryLockAsync(connection, transaction, cancellationToken))
        {
            return 0;
        }

        var checkpoint = await Checkpoints.LoadAsync(connection, transaction, store.Schema, Projection.Name, cancellationToken);
        var events = await store.ReadLogAsync(connection, transaction, checkpoint, batchSize, cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        await Projection.ApplyAsync(connection, transaction, events, cancellationToken);
        await Checkpoints.SaveAsync(connection, transaction, store.Schema, Projection.Name, events[^1].LogPosition, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    /// <summary>Empties the read model and replays the whole log into it. Returns the number of events replayed.</summary>
    public async Task<long> RebuildAsync(int batchSize = 2000, CancellationToken cancellationToken = default)
    {
        await using (var connection = await store.DataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@key))", connection, transaction))
            {
                lockCommand.Parameters.AddWithValue("key", LockKey);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            await Projection.ResetAsync(connection, transaction, cancellationToken);
            await Checkpoints.SaveAsync(connection, transaction, store.Schema, Projection.Name, LogPosition.Start, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        long total = 0;
        int applied;
        while ((applied = await RunOnceAsync(batchSize, cancellationToken)) > 0)
        {
            total += applied;
        }

        return total;
    }

    private string LockKey => $"projection:{store.Schema}.{Projection.Name}";

    private async Task<bool> TryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtext(@key))", connection, transaction);
        command.Parameters.AddWithValue("key", LockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

/// <summary>Keeps every registered projection caught up with the log.</summary>
public sealed class ProjectionWorker(EventStore store, IEnumerable<IProjection> projections, ILogger<ProjectionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(50);
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runners = projections.Select(p => new ProjectionRunner(store, p)).ToArray();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = 0;
                foreach (var runner in runners)
                {
                    applied += await runner.RunOnceAsync(BatchSize, stoppingToken);
                }

                failures = 0;
                // Only a full batch means more is waiting: otherwise let events gather for a moment.
                if (applied < BatchSize)
                {
                    await Task.Delay(IdleDelay, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                failures++;
                logger.LogWarning(e, "Projection pass failed ({Failures} in a row); retrying", failures);
                await Task.Delay(Backoff.For(failures), stoppingToken);
            }
        }
    }
}

internal static class Backoff
{
    public static TimeSpan For(int failures) => TimeSpan.FromMilliseconds(Math.Min(10_000, 100 * Math.Pow(2, Math.Min(failures, 10))));
}
