using MassTransit;
using Npgsql;

namespace SupportPlatform.Messaging;

/// <summary>
/// Makes a consumer's effects happen once per message: the message id is recorded for the consumer
/// in the same transaction as the effects, so a redelivered or re-published message finds it and
/// does nothing. (MassTransit's EF outbox/inbox is not obtainable here.) Each service's first
/// migration creates its <c>inbox</c> table.
/// </summary>
public static class Inbox
{
    /// <summary>True the first time (message, consumer) is seen in a committed transaction; false for a duplicate.</summary>
    public static async Task<bool> TryAcceptAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, Guid messageId, string consumer, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {schema}.inbox (message_id, consumer) VALUES (@id, @consumer) ON CONFLICT DO NOTHING", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", messageId));
        command.Parameters.Add(new NpgsqlParameter<string>("consumer", consumer));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}

/// <summary>
/// A consumer whose effects commit with its inbox row: subclasses write through the given
/// connection and transaction, and are never called twice for one message.
/// </summary>
public abstract class InboxConsumer<TMessage>(NpgsqlDataSource dataSource, string schema) : IConsumer<TMessage>
    where TMessage : class
{
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id.");
        await using var connection = await dataSource.OpenConnectionAsync(context.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(context.CancellationToken);
        if (!await Inbox.TryAcceptAsync(connection, transaction, schema, messageId, ConsumerName, context.CancellationToken))
        {
            return;
        }

        await HandleAsync(context, connection, transaction);
        await transaction.CommitAsync(context.CancellationToken);
    }

    protected abstract Task HandleAsync(ConsumeContext<TMessage> context, NpgsqlConnection connection, NpgsqlTransaction transaction);
}
