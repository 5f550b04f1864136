using Npgsql;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.EventStore.Tests;

public sealed class ReadingTheLog(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_transaction_that_commits_late_is_waited_for_not_skipped()
    {
        var store = await TestStores.CreateAsync(database, "late");
        var slowStream = Guid.NewGuid();

        // The slow writer takes the first position and holds its transaction open.
        await using var slowConnection = await database.DataSource.OpenConnectionAsync();
        await using var slow = await slowConnection.BeginTransactionAsync();
        await store.AppendAsync(slowConnection, slow, slowStream, "note", ExpectedVersion.NoStream, [new Noted(slowStream, "slow", 0)]);

        var fastStreams = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var stream in fastStreams)
        {
            await store.AppendAsync(stream, "note", ExpectedVersion.NoStream, [new Noted(stream, "fast", 1)]);
        }

        await using var reader = await database.DataSource.OpenConnectionAsync();
        Assert.Empty(await store.ReadLogAsync(reader, null, LogPosition.Start, 100));

        await slow.CommitAsync();

        // Transactions elsewhere on the server (other test classes) may still hold the horizon back for a moment.
        var delivered = await ReadUntilAsync(store, reader, 6);
        Assert.Equal([slowStream, .. fastStreams], delivered.Select(e => e.StreamId));
        Assert.Equal(delivered.Select(e => e.Position).Order(), delivered.Select(e => e.Position));
        Assert.Empty(await store.ReadLogAsync(reader, null, delivered[^1].LogPosition, 100));
    }

    [Fact]
    public async Task Transaction_ids_of_different_lengths_are_read_in_numeric_order_one_batch_after_another()
    {
        var store = await TestStores.CreateAsync(database, "digits");
        var streams = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        // Long-finished transactions 9, 10 and 100: as strings they would sort "10", "100", "9".
        await using (var insert = database.DataSource.CreateCommand(
            """
            INSERT INTO digits.events (position, id, stream_id, version, type, data, timestamp, tx_id)
            SELECT p, gen_random_uuid(), s, 1, 'Noted', jsonb_build_object('streamId', s, 'text', t::text, 'writer', 0), now(), t::text::xid8
            FROM unnest(@positions, @streams, @txs) AS x(p, s, t)
            """))
        {
            insert.Parameters.AddWithValue("positions", new long[] { 3, 2, 1 });
            insert.Parameters.AddWithValue("streams", streams);
            insert.Parameters.AddWithValue("txs", new long[] { 9, 10, 100 });
            await insert.ExecuteNonQueryAsync();
        }

        await using var reader = await database.DataSource.OpenConnectionAsync();
        var delivered = new List<StoredEvent>();
        var checkpoint = LogPosition.Start;
        while (await store.ReadLogAsync(reader, null, checkpoint, 1) is [var next])
        {
            delivered.Add(next);
            checkpoint = next.LogPosition;
        }

        Assert.Equal([9UL, 10UL, 100UL], delivered.Select(e => e.LogPosition.TransactionId));
        Assert.Equal(streams, delivered.Select(e => e.StreamId));
    }

    [Fact]
    public async Task A_rolled_back_append_leaves_a_gap_the_reader_passes_over()
    {
        var store = await TestStores.CreateAsync(database, "rollback");
        var abandoned = Guid.NewGuid();
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await store.AppendAsync(connection, transaction, abandoned, "note", ExpectedVersion.NoStream, [new Noted(abandoned, "never", 0)]);
            await transaction.RollbackAsync();
        }

        var kept = Guid.NewGuid();
        await store.AppendAsync(kept, "note", ExpectedVersion.NoStream, [new Noted(kept, "kept", 0)]);

        await using var reader = await database.DataSource.OpenConnectionAsync();
        var delivered = await ReadUntilAsync(store, reader, 1);
        Assert.Equal([kept], delivered.Select(e => e.StreamId));
        Assert.Equal(2, delivered[0].Position);
    }

    [Fact]
    public async Task A_projection_running_beside_concurrent_slow_writers_applies_every_event_exactly_once()
    {
        var store = await TestStores.CreateAsync(database, "busy");
        var projection = new PositionsProjection("busy");
        await PositionsProjection.CreateTableAsync(database.DataSource, "busy");
        var runner = new ProjectionRunner(store, projection);
        using var writing = new CancellationTokenSource();

        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var stream = Guid.NewGuid();
                await using var connection = await database.DataSource.OpenConnectionAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await store.AppendAsync(connection, transaction, stream, "note", ExpectedVersion.NoStream, [new Noted(stream, $"{writer}/{i}", writer)]);
                // Hold some transactions open after taking a position, so commits land out of position order.
                await using (var hold = new NpgsqlCommand("SELECT pg_sleep(@s)", connection, transaction))
                {
                    hold.Parameters.AddWithValue("s", Random.Shared.Next(0, 3) * 0.01);
                    await hold.ExecuteNonQueryAsync();
                }

                await transaction.CommitAsync();
            }
        })).ToArray();

        var projecting = Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                if (await runner.RunOnceAsync(7) == 0)
                {
                    await Task.Delay(5);
                }
            }
        });

        await Task.WhenAll(writers);
        await Eventually.TrueAsync(
            async () => await database.ScalarAsync<long>("SELECT count(*) FROM busy.projected") == 200,
            "the projection to catch up with 200 events");
        await writing.CancelAsync();
        await projecting;

        Assert.Equal(200, await database.ScalarAsync<long>("SELECT count(DISTINCT position) FROM busy.projected"));
        Assert.Equal(0, await database.ScalarAsync<long>(
            "SELECT count(*) FROM busy.events e WHERE NOT EXISTS (SELECT 1 FROM busy.projected p WHERE p.position = e.position)"));
    }

    [Fact]
    public async Task Rebuilding_a_projection_replays_the_whole_log_into_an_empty_read_model()
    {
        var store = await TestStores.CreateAsync(database, "rebuild");
        await PositionsProjection.CreateTableAsync(database.DataSource, "rebuild");
        var runner = new ProjectionRunner(store, new PositionsProjection("rebuild"));
        for (var i = 0; i < 30; i++)
        {
            var stream = Guid.NewGuid();
            await store.AppendAsync(stream, "note", ExpectedVersion.NoStream, [new Noted(stream, "x", i)]);
        }

        // Other test classes' open transactions can hold the horizon back for a moment: keep running.
        await Eventually.TrueAsync(async () => { await runner.RunOnceAsync(8); return await ProjectedAsync() == 30; }, "the first pass over 30 events");

        var replayed = await runner.RebuildAsync(batchSize: 8);
        await Eventually.TrueAsync(async () => { replayed += await runner.RunOnceAsync(8); return await ProjectedAsync() == 30; }, "the rebuild of 30 events");

        Assert.Equal(30, replayed);
        Assert.Equal(30, await ProjectedAsync());

        Task<long> ProjectedAsync() => database.ScalarAsync<long>("SELECT count(*) FROM rebuild.projected");
    }

    private static Task<IReadOnlyList<StoredEvent>> ReadUntilAsync(EventStore store, NpgsqlConnection reader, int count) =>
        Eventually.ReturnsAsync(
            () => store.ReadLogAsync(reader, null, LogPosition.Start, 100),
            events => events.Count >= count,
            $"{count} events readable from the log");

    /// <summary>Records each position it sees; the primary key makes a second application fail loudly.</summary>
    private sealed class PositionsProjection(string schema) : IProjection
    {
        public string Name => "positions";

        public static async Task CreateTableAsync(NpgsqlDataSource dataSource, string schema)
        {
            await using var command = dataSource.CreateCommand($"CREATE TABLE {schema}.projected (position bigint PRIMARY KEY)");
            await command.ExecuteNonQueryAsync();
        }

        public async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand($"INSERT INTO {schema}.projected SELECT unnest(@positions)", connection, transaction);
            command.Parameters.AddWithValue("positions", events.Select(e => e.Position).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand($"TRUNCATE {schema}.projected", connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
