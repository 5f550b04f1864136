using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace SupportPlatform.EventStore;

/// <summary>
/// Streams of events in one PostgreSQL schema. An append is one statement: the stream row is
/// inserted or moved to its new version only if it is at the expected version, and the events are
/// inserted from that row, so a concurrency loser never reaches <c>nextval</c> and burns no position.
/// </summary>
public sealed class EventStore(NpgsqlDataSource dataSource, EventTypes types, TimeProvider time, string schema)
{
    public string Schema { get; } = schema;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public EventTypes Types { get; } = types;

    public TimeProvider Time { get; } = time;

    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) =>
        EventStoreSchema.ApplyAsync(DataSource, Schema, EventStoreSchema.Sql(Schema), cancellationToken);

    /// <summary>Appends in a transaction of its own; returns the stream's new version.</summary>
    public async Task<long> AppendAsync(Guid streamId, string streamType, long expectedVersion, IReadOnlyList<object> events, CancellationToken cancellationToken = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        return await AppendAsync(connection, null, streamId, streamType, expectedVersion, events, cancellationToken);
    }

    /// <summary>
    /// Appends inside the caller's transaction, so other rows (keys, read models) commit with the
    /// events. Commands in <paramref name="alongside"/> travel in the same round trip, after the append.
    /// </summary>
    public async Task<long> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid streamId, string streamType, long expectedVersion, IReadOnlyList<object> events, CancellationToken cancellationToken = default, IReadOnlyList<NpgsqlBatchCommand>? alongside = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(events.Count, nameof(events));
        var count = events.Count;
        var ids = new Guid[count];
        var names = new string[count];
        var data = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Guid.CreateVersion7();
            names[i] = Types.NameOf(events[i].GetType());
            data[i] = Types.Serialize(events[i]);
        }

        var append = new NpgsqlBatchCommand(AppendSql(expectedVersion))
        {
            Parameters =
            {
                new NpgsqlParameter<Guid>("stream", streamId),
                new NpgsqlParameter<string>("stream_type", streamType),
                new NpgsqlParameter<long>("expected", expectedVersion),
                new NpgsqlParameter<long>("count", count),
                new NpgsqlParameter<DateTimeOffset>("now", Time.GetUtcNow()),
                new NpgsqlParameter<Guid[]>("ids", ids),
                new NpgsqlParameter<string[]>("types", names),
                new NpgsqlParameter<string[]>("data", data) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new NpgsqlParameter<string?>("trace_parent", Activity.Current?.Id) { NpgsqlDbType = NpgsqlDbType.Text },
            },
        };
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { append } };
        foreach (var command in alongside ?? [])
        {
            batch.BatchCommands.Add(command);
        }

        // The append comes first, so the scalar is its new version (null: the expected version did not hold).
        var newVersion = await batch.ExecuteScalarAsync(cancellationToken);
        return newVersion is long version ? version : throw new ConcurrencyException(streamId, expectedVersion);
    }

    private string AppendSql(long expectedVersion)
    {
        var streamStep = expectedVersion switch
        {
            ExpectedVersion.NoStream => $"""
                INSERT INTO {Schema}.streams (id, type, version, created_at, updated_at)
                VALUES (@stream, @stream_type, @count, @now, @now)
                ON CONFLICT (id) DO NOTHING
                RETURNING 0::bigint AS base
                """,
            ExpectedVersion.Any => $"""
                INSERT INTO {Schema}.streams AS s (id, type, version, created_at, updated_at)
                VALUES (@stream, @stream_type, @count, @now, @now)
                ON CONFLICT (id) DO UPDATE SET version = s.version + @count, updated_at = @now
                RETURNING s.version - @count AS base
                """,
            _ => $"""
                UPDATE {Schema}.streams SET version = version + @count, updated_at = @now
                WHERE id = @stream AND version = @expected
                RETURNING version - @count AS base
                """,
        };
        return $"""
            WITH stream AS ({streamStep}),
            inserted AS (
                INSERT INTO {Schema}.events (position, id, stream_id, version, type, data, trace_parent, timestamp)
                SELECT nextval('{Schema}.event_positions'), e.id, @stream, stream.base + e.ord, e.type, e.data, @trace_parent, @now
                FROM stream CROSS JOIN unnest(@ids, @types, @data) WITH ORDINALITY AS e(id, type, data, ord)
                ORDER BY e.ord
                RETURNING version)
            SELECT max(version) FROM inserted
            """;
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(Guid streamId, CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand(
            $"SELECT {Columns} FROM {Schema}.events WHERE stream_id = @stream ORDER BY version");
        command.Parameters.Add(new NpgsqlParameter<Guid>("stream", streamId));
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>
    /// Removes streams and every event of them (purge), as one command for the caller's batch and
    /// transaction; its <c>RecordsAffected</c> is the number of events deleted.
    /// </summary>
    public NpgsqlBatchCommand DeleteStreams(Guid[] streamIds) =>
        new($"""
            WITH removed_streams AS (DELETE FROM {Schema}.streams WHERE id = ANY(@streams))
            DELETE FROM {Schema}.events WHERE stream_id = ANY(@streams)
            """)
        {
            Parameters = { new NpgsqlParameter<Guid[]>("streams", streamIds) },
        };

    /// <summary>Removes a stream and every event of it (purge). Returns the number of events deleted.</summary>
    public async Task<int> DeleteStreamAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid streamId, CancellationToken cancellationToken = default)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { DeleteStreams([streamId]) } };
        return await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> DeleteStreamAsync(Guid streamId, CancellationToken cancellationToken = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        return await DeleteStreamAsync(connection, null, streamId, cancellationToken);
    }

    /// <summary>
    /// Up to <paramref name="max"/> events after <paramref name="after"/> in log order, only from
    /// transactions older than the oldest one still running: those are final, so a reader that
    /// checkpoints what it got never skips an event that commits late; it waits for it.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadLogAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, LogPosition after, int max, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {Columns} FROM {Schema}.events
            WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())
              AND (tx_id, position) > (@tx::text::xid8, @position)
            ORDER BY tx_id, position
            LIMIT @max
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("tx", after.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        command.Parameters.Add(new NpgsqlParameter<long>("position", after.Position));
        command.Parameters.Add(new NpgsqlParameter<int>("max", max));
        return await ReadEventsAsync(command, cancellationToken);
    }

    // The transaction id leaves as text under its own name: called tx_id, the text column would
    // shadow the xid8 column in ORDER BY and sort the log as strings ("10" before "9").
    private const string Columns = "id, stream_id, version, position, tx_id::text AS tx_id_text, type, data::text, trace_parent, timestamp";

    private async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var type = reader.GetString(5);
            events.Add(new StoredEvent(
                EventId: reader.GetGuid(0),
                StreamId: reader.GetGuid(1),
                Version: reader.GetInt64(2),
                LogPosition: new LogPosition(ulong.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture), reader.GetInt64(3)),
                Type: type,
                Data: Types.Deserialize(type, reader.GetString(6)),
                TraceParent: reader.IsDBNull(7) ? null : reader.GetString(7),
                Timestamp: reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return events;
    }
}
