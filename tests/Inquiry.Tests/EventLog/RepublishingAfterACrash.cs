using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SupportPlatform.Inquiry.Publishing;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Messaging;
using SupportPlatform.Testing;
using Xunit;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.EventLog;

/// <summary>
/// The publisher's checkpoint moves only after the broker confirmed a page. A crash in between
/// means the page is published again when the daemon comes back from the old checkpoint; consumers'
/// inboxes (keyed by the message id = the event id) make the repeat harmless.
/// </summary>
public sealed class RepublishingAfterACrash(InquiryApi api) : IClassFixture<InquiryApi>
{
    private const string Schema = "test_consumer";

    [Fact]
    public async Task A_page_published_again_from_an_old_checkpoint_reaches_the_consumer_once()
    {
        await using (var create = api.Database.DataSource.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS {Schema};
            CREATE TABLE {Schema}.inbox (message_id uuid NOT NULL, consumer text NOT NULL, received_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (message_id, consumer));
            CREATE TABLE {Schema}.receipts (inquiry_id uuid NOT NULL);
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var consumerServices = new ServiceCollection()
            .AddSingleton(api.Database.DataSource)
            .AddMassTransit(bus =>
            {
                bus.AddConsumer<ReceiptConsumer>().Endpoint(e => e.Name = "test-inbox-consumer");
                bus.UsingRabbitMq((context, rabbit) =>
                {
                    rabbit.Host(new Uri(api.Vhost.ConnectionString));
                    rabbit.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider();
        var consumerBus = consumerServices.GetRequiredService<IBusControl>();
        await consumerBus.StartAsync();
        try
        {
            var ids = new List<Guid>();
            for (var i = 0; i < 3; i++)
            {
                ids.Add((await api.SubmitAsync()).InquiryId);
            }

            await Eventually.TrueAsync(async () => await ReceiptsAsync() == 3, "the consumer to apply the three submissions");

            // As after a crash between publishing and checkpointing: the daemon resumes from an older checkpoint.
            await api.Daemon().RewindSubscriptionAsync(IntegrationEventPublisher.SubscriptionName, CancellationToken.None, sequenceFloor: 0);

            await Eventually.TrueAsync(
                () => Task.FromResult(ids.All(id => api.Published.Count(c => c.TryGetMessage<Contracts.InquirySubmitted>(out var m) && m.Message.InquiryId == id) >= 2)),
                "every submission published a second time");
            var copies = api.Published
                .Where(c => c.TryGetMessage<Contracts.InquirySubmitted>(out var m) && ids.Contains(m.Message.InquiryId))
                .GroupBy(c => c.MessageId)
                .ToArray();
            Assert.Equal(3, copies.Length); // the re-sends carry the same message ids
            Assert.All(copies, g => Assert.True(g.Count() >= 2));

            await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref ReceiptConsumer.Deliveries) >= 6), "the consumer to have been handed the re-sends");
            Assert.Equal(3, await ReceiptsAsync());
            Assert.Equal(ids.Order(), (await api.Database.ScalarAsync<Guid[]>($"SELECT array_agg(inquiry_id ORDER BY inquiry_id) FROM {Schema}.receipts")).Order());
        }
        finally
        {
            await consumerBus.StopAsync();
        }
    }

    private Task<long> ReceiptsAsync() => api.Database.ScalarAsync<long>($"SELECT count(*) FROM {Schema}.receipts");

    /// <summary>What a real consumer does (Notification's receipt email), reduced to one row per application, behind the inbox.</summary>
    private sealed class ReceiptConsumer(NpgsqlDataSource dataSource) : IConsumer<Contracts.InquirySubmitted>
    {
        public static int Deliveries;

        public async Task Consume(ConsumeContext<Contracts.InquirySubmitted> context)
        {
            await using var connection = await dataSource.OpenConnectionAsync(context.CancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(context.CancellationToken);
            if (await Inbox.TryAcceptAsync(connection, transaction, Schema, context.MessageId!.Value, nameof(ReceiptConsumer), context.CancellationToken))
            {
                await using var insert = new NpgsqlCommand($"INSERT INTO {Schema}.receipts (inquiry_id) VALUES (@id)", connection, transaction);
                insert.Parameters.AddWithValue("id", context.Message.InquiryId);
                await insert.ExecuteNonQueryAsync(context.CancellationToken);
            }

            await transaction.CommitAsync(context.CancellationToken);
            Interlocked.Increment(ref Deliveries);
        }
    }
}
