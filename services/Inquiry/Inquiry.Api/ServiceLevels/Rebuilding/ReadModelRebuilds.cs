using JasperFx.Events.Daemon;
using Npgsql;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Inquiries.Reporting;

namespace SupportPlatform.Inquiry.ServiceLevels.Rebuilding;

/// <summary>
/// Rebuilds of the read models measured with the SLA rules (the queue's due times and the response
/// times), asked for by an admin after a revision. A request is a row (<c>read_model_rebuilds</c>);
/// only the replica whose daemon runs (HotCold leadership) can rebuild, so it is the one that takes
/// the row — whichever replica the admin's request reached. One unfinished at a time.
/// </summary>
public sealed class ReadModelRebuilds(NpgsqlDataSource dataSource, IProjectionCoordinator coordinator, TimeProvider time, ILogger<ReadModelRebuilds> logger)
{
    private const string Table = InquiryStore.Schema + ".read_model_rebuilds";
    private const string UniqueViolation = "23505";

    /// <summary>The read models that fold inquiries with the SLA rules, in the order they are rebuilt.</summary>
    public static readonly string[] ReadModels = [QueueProjection.ProjectionName, ResponseTimeProjection.ProjectionName];

    private readonly SemaphoreSlim requested = new(0);

    /// <summary>Asks for a rebuild; null when one is already waiting or running.</summary>
    public async Task<Guid?> RequestAsync(int revision, Guid by, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO {Table} (id, revision, requested_by, requested_at) VALUES (@id, @revision, @by, @at)");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        command.Parameters.Add(new NpgsqlParameter<int>("revision", revision));
        command.Parameters.Add(new NpgsqlParameter<Guid>("by", by));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", time.GetUtcNow()));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            return null;
        }

        requested.Release();
        return id;
    }

    /// <summary>Waits until a request is made on this replica or <paramref name="interval"/> passes.</summary>
    public Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) => requested.WaitAsync(interval, cancellationToken);

    /// <summary>
    /// On the replica whose daemon runs: takes the waiting request, if any, and rebuilds each read
    /// model through the running daemon (it stops the model's agent, replays the whole log with the
    /// rules in force, and starts it again). Returns whether it ran one.
    /// </summary>
    public async Task<bool> RunWaitingAsync(CancellationToken cancellationToken)
    {
        var daemon = coordinator.DaemonForMainDatabase();
        if (!daemon.IsRunning || await TakeWaitingAsync(cancellationToken) is not { } id)
        {
            return false;
        }

        string? failure = null;
        try
        {
            foreach (var readModel in ReadModels)
            {
                await daemon.RebuildProjectionAsync(readModel, TimeSpan.FromMinutes(30), cancellationToken);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The kind of failure only: an exception's message may quote a document.
            failure = e.GetType().Name;
            logger.LogError(e, "Rebuilding the SLA read models failed (rebuild {RebuildId})", id);
        }

        await using var finish = dataSource.CreateCommand($"UPDATE {Table} SET finished_at = @at, failure = @failure WHERE id = @id");
        finish.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", time.GetUtcNow()));
        finish.Parameters.Add(new NpgsqlParameter("failure", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)failure ?? DBNull.Value });
        finish.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await finish.ExecuteNonQueryAsync(CancellationToken.None);
        return true;
    }

    public async Task<ReadModelRebuildStatus> StatusAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"SELECT id, revision, requested_by, requested_at, started_at, finished_at, failure FROM {Table} ORDER BY requested_at DESC, id DESC LIMIT 1"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT name, last_seq_id FROM {InquiryStore.Schema}.mt_event_progression"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        ReadModelRebuild? last = null;
        if (await reader.ReadAsync(cancellationToken))
        {
            DateTimeOffset? At(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
            var failure = reader.IsDBNull(6) ? null : reader.GetString(6);
            var (started, finished) = (At(4), At(5));
            last = new(
                reader.GetGuid(0), reader.GetInt32(1), reader.GetGuid(2), reader.GetFieldValue<DateTimeOffset>(3), started, finished,
                finished is null ? started is null ? "waiting" : "running" : failure is null ? "finished" : "failed",
                failure);
        }

        await reader.NextResultAsync(cancellationToken);
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            positions[reader.GetString(0)] = reader.GetInt64(1);
        }

        var highWaterMark = positions.GetValueOrDefault("HighWaterMark");
        return new(last, [.. ReadModels.Select(r => new ReadModelPosition(r, positions.GetValueOrDefault(r + ":All"), highWaterMark))]);
    }

    /// <summary>
    /// The unfinished request: a waiting one, or one a stopped leader left running (a rebuild starts
    /// from nothing, so running it again is safe). This replica runs one at a time, so none of its own is in hand.
    /// </summary>
    private async Task<Guid?> TakeWaitingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE {Table} SET started_at = @at
            WHERE id = (SELECT id FROM {Table} WHERE finished_at IS NULL ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", time.GetUtcNow()));
        return await command.ExecuteScalarAsync(cancellationToken) is Guid id ? id : null;
    }
}

/// <summary>
/// Runs the rebuilds asked for: at once when the request reached this replica, otherwise within
/// <c>ServiceLevels:RebuildPollInterval</c> (default 2 s, real time) on the replica whose daemon runs.
/// A rebuild interrupted by a stop stays unfinished, and the next leader runs it again.
/// </summary>
internal sealed class ReadModelRebuilder(ReadModelRebuilds rebuilds, IConfiguration configuration, ILogger<ReadModelRebuilder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("ServiceLevels:RebuildPollInterval", TimeSpan.FromSeconds(2));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await rebuilds.RunWaitingAsync(stoppingToken);
                }
                catch (NpgsqlException e)
                {
                    logger.LogWarning(e, "Could not look for read-model rebuilds; looking again shortly");
                }

                await rebuilds.WaitAsync(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
