using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Npgsql;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.SearchingMessages;

/// <summary>
/// Keeps the message search index (<see cref="MessageSearchIndex"/>) as a Marten subscription: the
/// daemon hands over a page of the log, the texts of its messages are opened with their inquiries'
/// data keys and their terms' keyed hashes added, and the checkpoint moves after the commit. A page
/// indexed twice writes nothing new, so at least once is enough. A subscription rather than a
/// projection because it needs the data keys, which only this service's key store unwraps.
/// </summary>
public sealed class MessageSearchIndexer(NpgsqlDataSource dataSource, MessageSearchIndex index) : SubscriptionBase
{
    public const string SubscriptionName = "message-search";

    /// <summary>The daemon's name for this subscription's one shard, as in its progress table.</summary>
    public const string ShardName = SubscriptionName + ":All";

    public const int BatchSize = 500;

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        await IndexAsync(page.Events, cancellationToken);
        return NullChangeListener.Instance;
    }

    public async Task IndexAsync(IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<Guid, List<Sealed>>();
        foreach (var stored in events)
        {
            if (MessageTexts.Of(stored.Data) is { Count: > 0 } of)
            {
                (texts.TryGetValue(stored.StreamId, out var list) ? list : texts[stored.StreamId] = []).AddRange(of);
            }
        }

        if (texts.Count == 0)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await index.AddAsync(connection, transaction, texts, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
                // A purge deleting the same keys in its own order: PostgreSQL rolled this page back; the retry skips what the purge took.
            }
        }
    }
}
