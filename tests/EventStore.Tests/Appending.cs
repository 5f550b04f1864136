using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.EventStore.Tests;

public sealed class Appending(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Sixteen_writers_at_the_same_expected_version_have_exactly_one_winner_per_version_and_burn_no_positions()
    {
        var store = await TestStores.CreateAsync(database, "race");
        var streamId = Guid.NewGuid();
        const int writers = 16;
        const int rounds = 20;
        var wins = 0;
        var conflicts = 0;

        for (long version = 0; version < rounds; version++)
        {
            var expected = version;
            var attempts = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
            {
                try
                {
                    await store.AppendAsync(streamId, "race", expected, [new Noted(streamId, $"v{expected}", writer)]);
                    return true;
                }
                catch (ConcurrencyException)
                {
                    return false;
                }
            }));
            var results = await Task.WhenAll(attempts);
            Assert.Equal(1, results.Count(won => won));
            wins += results.Count(won => won);
            conflicts += results.Count(won => !won);
        }

        Assert.Equal(rounds, wins);
        Assert.Equal(rounds * (writers - 1), conflicts);
        var events = await store.ReadStreamAsync(streamId);
        Assert.Equal(Enumerable.Range(1, rounds).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(rounds, await database.ScalarAsync<long>("SELECT count(DISTINCT (stream_id, version)) FROM race.events"));
        // Losers never reached nextval: positions are 1..rounds without a gap, and the sequence stopped there.
        Assert.Equal(Enumerable.Range(1, rounds).Select(p => (long)p), events.Select(e => e.Position));
        Assert.Equal(rounds, await database.ScalarAsync<long>("SELECT last_value FROM race.event_positions"));
        Assert.Equal(rounds, await database.ScalarAsync<long>("SELECT version FROM race.streams WHERE id = @id", ("id", streamId)));
    }

    [Fact]
    public async Task A_new_stream_cannot_be_created_twice()
    {
        var store = await TestStores.CreateAsync(database, "twice");
        var streamId = Guid.NewGuid();
        await store.AppendAsync(streamId, "note", ExpectedVersion.NoStream, [new Noted(streamId, "first", 0)]);

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            store.AppendAsync(streamId, "note", ExpectedVersion.NoStream, [new Noted(streamId, "second", 0)]));

        Assert.Equal(streamId, conflict.StreamId);
        Assert.Equal(1, await database.ScalarAsync<long>("SELECT last_value FROM twice.event_positions"));
    }

    [Fact]
    public async Task Several_events_get_consecutive_versions_and_read_back_as_written()
    {
        var store = await TestStores.CreateAsync(database, "many");
        var streamId = Guid.NewGuid();

        var version = await store.AppendAsync(streamId, "note", ExpectedVersion.NoStream,
            [new Noted(streamId, "하나", 1), new Noted(streamId, "둘", 2), new Noted(streamId, "셋", 3)]);
        version = await store.AppendAsync(streamId, "note", version, [new Noted(streamId, "넷", 4)]);
        await store.AppendAsync(streamId, "note", ExpectedVersion.Any, [new Noted(streamId, "다섯", 5)]);

        var events = await store.ReadStreamAsync(streamId);
        Assert.Equal(4, version);
        Assert.Equal(["하나", "둘", "셋", "넷", "다섯"], events.Select(e => ((Noted)e.Data).Text));
        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.Version));
        Assert.True(events.Zip(events.Skip(1)).All(pair => pair.First.Position < pair.Second.Position));
    }

    [Fact]
    public async Task Deleting_a_stream_removes_every_row_that_belonged_to_it_and_nothing_else()
    {
        var store = await TestStores.CreateAsync(database, "purge");
        var doomed = Guid.NewGuid();
        var kept = Guid.NewGuid();
        await store.AppendAsync(doomed, "note", ExpectedVersion.NoStream, [new Noted(doomed, "a", 0), new Noted(doomed, "b", 0)]);
        await store.AppendAsync(kept, "note", ExpectedVersion.NoStream, [new Noted(kept, "c", 0)]);

        var deleted = await store.DeleteStreamAsync(doomed);

        Assert.Equal(2, deleted);
        Assert.Empty(await store.ReadStreamAsync(doomed));
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM purge.events WHERE stream_id = @id", ("id", doomed)));
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM purge.streams WHERE id = @id", ("id", doomed)));
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM purge.events WHERE data::text LIKE @doomed", ("doomed", $"%{doomed}%")));
        Assert.Single(await store.ReadStreamAsync(kept));
    }
}
