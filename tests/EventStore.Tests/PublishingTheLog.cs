using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SupportPlatform.Messaging;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.EventStore.Tests;

public sealed class PublishingTheLog(PostgresDatabase database, RabbitMqVhost vhost)
    : IClassFixture<PostgresDatabase>, IClassFixture<RabbitMqVhost>, IAsyncLifetime
{
    private const string Schema = "pub";
    private readonly ConcurrentBag<Delivery> deliveries = [];
    private ServiceProvider? services;
    private IBusControl? bus;

    public async Task InitializeAsync()
    {
        await EventStoreSchema.ApplyAsync(database.DataSource, Schema, Inbox.Sql(Schema) + $"CREATE TABLE {Schema}.applied (message_id uuid, text text);");
        services = new ServiceCollection()
            .AddSingleton(database.DataSource)
            .AddSingleton(deliveries)
            .AddMassTransit(bus =>
            {
                bus.AddConsumer<NoteConsumer>();
                bus.UsingRabbitMq((context, rabbit) =>
                {
                    rabbit.Host(new Uri(vhost.ConnectionString));
                    rabbit.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider();
        bus = services.GetRequiredService<IBusControl>();
        await bus.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (bus is not null)
        {
            await bus.StopAsync();
        }

        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_crash_between_publishing_and_checkpointing_resends_and_the_inbox_applies_each_message_once()
    {
        var store = await TestStores.CreateAsync(database, Schema);
        var streams = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var stream in streams)
        {
            await store.AppendAsync(stream, "note", ExpectedVersion.NoStream, [new Noted(stream, $"note {stream}", 0)]);
        }

        // The first publisher sends the batch and "crashes" before it moves its checkpoint.
        var crashed = new EventLogPublisher(store, bus!, new NoteMapper());
        var pending = await Eventually.ReturnsAsync(() => crashed.ReadPendingAsync(100), events => events.Count == 3, "three events readable");
        await crashed.PublishAsync(pending);

        // Its successor starts from the old checkpoint and sends the same events again.
        var successor = new EventLogPublisher(store, bus!, new NoteMapper());
        Assert.Equal(3, await successor.PublishPendingAsync(100));
        Assert.Equal(0, await successor.PublishPendingAsync(100));

        await Eventually.TrueAsync(() => Task.FromResult(deliveries.Count(d => d.Handled) == 6), "six deliveries (three re-sent) handled");
        Assert.Equal(pending.Select(e => e.EventId).Order(), deliveries.Select(d => d.MessageId).Distinct().Order());
        Assert.Equal(3, await database.ScalarAsync<long>($"SELECT count(*) FROM {Schema}.applied"));
        Assert.Equal(3, await database.ScalarAsync<long>($"SELECT count(DISTINCT message_id) FROM {Schema}.applied"));
        Assert.Equal(
            streams.Select(s => $"note {s}").Order(),
            (await AppliedTextsAsync()).Order());
    }

    private async Task<List<string>> AppliedTextsAsync()
    {
        var texts = new List<string>();
        await using var command = database.DataSource.CreateCommand($"SELECT text FROM {Schema}.applied");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }

    private sealed record Delivery(Guid MessageId)
    {
        public bool Handled { get; set; }
    }

    private sealed class NoteConsumer(NpgsqlDataSource dataSource, ConcurrentBag<Delivery> deliveries) : IConsumer<NotePublished>
    {
        private readonly ApplyingConsumer applying = new(dataSource);

        public async Task Consume(ConsumeContext<NotePublished> context)
        {
            var delivery = new Delivery(context.MessageId!.Value);
            deliveries.Add(delivery);
            await applying.Consume(context);
            delivery.Handled = true;
        }
    }

    private sealed class ApplyingConsumer(NpgsqlDataSource dataSource) : InboxConsumer<NotePublished>(dataSource, Schema)
    {
        protected override async Task HandleAsync(ConsumeContext<NotePublished> context, NpgsqlConnection connection, NpgsqlTransaction transaction)
        {
            await using var command = new NpgsqlCommand($"INSERT INTO {Schema}.applied VALUES (@id, @text)", connection, transaction);
            command.Parameters.AddWithValue("id", context.MessageId!.Value);
            command.Parameters.AddWithValue("text", context.Message.Text);
            await command.ExecuteNonQueryAsync();
        }
    }
}
