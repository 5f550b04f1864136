using Npgsql;
using SupportPlatform.Messaging;
using SupportPlatform.Postgres;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Notification.Deliveries;

/// <summary>The SQL of the delivery log. Every state change is one statement guarded by the row's status.</summary>
public sealed class DeliveryStore(NpgsqlDataSource dataSource)
{
    private const string Schema = NotificationSchema.Name;

    private const string ClaimedColumns = "id, inquiry_id, kind, message_type, request, attempts, created_at, locked_until";

    /// <summary>
    /// Records the message in the inbox and one pending delivery per kind of email it causes, in one
    /// transaction, already claimed by the caller until <paramref name="leaseUntil"/>. Each delivery
    /// keeps <paramref name="request"/>, the ids-only message, to compose the email from when it is
    /// sent. Returns the claimed deliveries, or none when the message was seen before or the inquiry
    /// was purged. With <paramref name="onceKey"/>, a kind already delivered under that key (from
    /// another message, on any replica) is left out: the unique key decides, not a read before.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> AcceptAsync(
        Guid messageId, string consumer, Guid inquiryId, string messageType, string request, IReadOnlyList<DeliveryKind> kinds,
        DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken, string? onceKey = null)
    {
        leaseUntil = AsStored(leaseUntil);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockInquiryAsync(connection, transaction, inquiryId, cancellationToken);
        if (!await Inbox.TryAcceptAsync(connection, transaction, Schema, messageId, consumer, cancellationToken))
        {
            return [];
        }

        // The inbox row commits even for a purged inquiry, so a redelivery is skipped early too.
        if (await IsPurgedAsync(connection, transaction, inquiryId, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            return [];
        }

        var inserts = new List<(NpgsqlBatchCommand Insert, ClaimedDelivery Delivery)>(kinds.Count);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var kind in kinds)
        {
            var id = Guid.CreateVersion7(now);
            var insert = new NpgsqlBatchCommand($"""
                INSERT INTO {Schema}.deliveries
                    (id, inquiry_id, kind, message_id, consumer, message_type, request, created_at, next_attempt_at, locked_until, once_key)
                VALUES (@id, @inquiry, @kind, @message, @consumer, @message_type, @request, @now, @now, @lease, @once_key)
                ON CONFLICT (once_key) DO NOTHING
                """);
            insert.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            insert.Parameters.Add(new NpgsqlParameter<Guid>("inquiry", inquiryId));
            insert.Parameters.Add(new NpgsqlParameter<string>("kind", kind.ToName()));
            insert.Parameters.Add(new NpgsqlParameter<Guid>("message", messageId));
            insert.Parameters.Add(new NpgsqlParameter<string>("consumer", consumer));
            insert.Parameters.Add(new NpgsqlParameter<string>("message_type", messageType));
            insert.Parameters.Add(new NpgsqlParameter<string>("request", NpgsqlTypes.NpgsqlDbType.Jsonb) { TypedValue = request });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("lease", leaseUntil));
            insert.Parameters.Add(new NpgsqlParameter<string?>("once_key", onceKey is null ? null : $"{kind.ToName()}:{onceKey}"));
            batch.BatchCommands.Add(insert);
            inserts.Add((insert, new ClaimedDelivery(id, inquiryId, kind, messageType, request, 0, now, leaseUntil)));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return [.. inserts.Where(i => i.Insert.RecordsAffected == 1).Select(i => i.Delivery)];
    }

    /// <summary>Claims the still-pending, unclaimed deliveries of one message (a redelivery resumes them).</summary>
    public Task<IReadOnlyList<ClaimedDelivery>> ClaimPendingOfMessageAsync(
        Guid messageId, string consumer, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        ClaimAsync("message_id = @message AND consumer = @consumer", 100, now, leaseUntil, cancellationToken,
            new NpgsqlParameter<Guid>("message", messageId), new NpgsqlParameter<string>("consumer", consumer));

    /// <summary>Claims pending deliveries whose next attempt is due, oldest first; replicas skip each other's rows.</summary>
    public Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(int limit, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        ClaimAsync("next_attempt_at <= @now", limit, now, leaseUntil, cancellationToken);

    /// <summary>
    /// How long a claim taken from a lapsed holder waits before its email is sent, and is sent only
    /// if the delivery is still pending then: longer than a holder waits between tries to record an
    /// email it sent (a second; <c>DeliveryDispatcher.ConfigureRecordingSent</c>). A holder that
    /// sent while the database was away records the email as soon as the database is back, and the
    /// re-sender, back at the same moment, finds it sent instead of sending it again (the fault
    /// suite's postgres-restart with PostgreSQL away longer than the lease: 9 duplicates before).
    /// </summary>
    public static readonly TimeSpan TakeOverGrace = TimeSpan.FromSeconds(5);

    private async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(
        string filter, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH due AS (
                SELECT id AS due_id, locked_until IS NOT NULL AS taken_over FROM {Schema}.deliveries
                WHERE status = 'pending' AND (locked_until IS NULL OR locked_until <= @now) AND {filter}
                ORDER BY next_attempt_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            UPDATE {Schema}.deliveries SET locked_until = @lease FROM due WHERE id = due.due_id
            RETURNING {ClaimedColumns}, due.taken_over
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("lease", leaseUntil));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        command.Parameters.AddRange(parameters);
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedDelivery(
                reader.GetGuid(0),
                reader.GetGuid(1),
                DeliveryNames.ParseKind(reader.GetString(2)),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetInt32(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetBoolean(8)));
        }

        return claimed;
    }

    /// <summary>
    /// Moves the end of a claim still held to <paramref name="leaseUntil"/> and answers the new end
    /// as stored (the claim's identity from now on); null when the claim is no longer this one (the
    /// delivery finished, or its claim ran out and another replica took it) or the delivery is no
    /// longer pending. A claim that ran out and was not taken is still this one.
    /// </summary>
    public async Task<DateTimeOffset?> ExtendClaimAsync(Guid id, DateTimeOffset claimedUntil, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        leaseUntil = AsStored(leaseUntil);
        await using var command = dataSource.CreateCommand(
            $"UPDATE {Schema}.deliveries SET locked_until = @lease WHERE id = @id AND status = 'pending' AND locked_until = @claimed");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("claimed", claimedUntil));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("lease", leaseUntil));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? leaseUntil : null;
    }

    /// <summary>An instant as <c>timestamptz</c> keeps it, in whole microseconds, so a claim's end read back compares equal.</summary>
    private static DateTimeOffset AsStored(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % 10));

    public Task MarkSentAsync(Guid id, string recipientHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"UPDATE {Schema}.deliveries SET status = 'sent', attempts = attempts + 1, sent_at = @now, locked_until = NULL, last_error = NULL, recipient_hash = @recipient_hash WHERE id = @id AND status = 'pending'",
            cancellationToken, new NpgsqlParameter<Guid>("id", id), new NpgsqlParameter<DateTimeOffset>("now", now), new NpgsqlParameter<string>("recipient_hash", recipientHash));

    public Task MarkFailedAsync(Guid id, string? recipientHash, string error, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"UPDATE {Schema}.deliveries SET status = 'failed', attempts = attempts + 1, failed_at = @now, locked_until = NULL, last_error = @error, recipient_hash = coalesce(@recipient_hash, recipient_hash) WHERE id = @id AND status = 'pending'",
            cancellationToken, new NpgsqlParameter<Guid>("id", id), new NpgsqlParameter<DateTimeOffset>("now", now), Storable("error", error),
            new NpgsqlParameter<string?>("recipient_hash", recipientHash));

    /// <summary>The inquiry was gone when the email was composed: the delivery ends without an email.</summary>
    public Task MarkCancelledAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"UPDATE {Schema}.deliveries SET status = 'cancelled', attempts = attempts + 1, failed_at = @now, locked_until = NULL, last_error = 'the inquiry no longer exists' WHERE id = @id AND status = 'pending'",
            cancellationToken, new NpgsqlParameter<Guid>("id", id), new NpgsqlParameter<DateTimeOffset>("now", now));

    /// <summary>Releases the claim after a transient failure and sets when to try again.</summary>
    public Task DeferAsync(Guid id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"UPDATE {Schema}.deliveries SET attempts = attempts + 1, next_attempt_at = @next, locked_until = NULL, last_error = @error WHERE id = @id AND status = 'pending'",
            cancellationToken, new NpgsqlParameter<Guid>("id", id), new NpgsqlParameter<DateTimeOffset>("next", nextAttemptAt), Storable("error", error));

    /// <summary>
    /// Deletes every delivery about the inquiry and remembers the id,
    /// under the same inquiry lock <see cref="AcceptAsync"/> takes, so no concurrent accept can slip
    /// a row in after the delete. Returns how many deliveries were deleted.
    /// </summary>
    public static async Task<int> PurgeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid inquiryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await LockInquiryAsync(connection, transaction, inquiryId, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var remember = new NpgsqlBatchCommand($"INSERT INTO {Schema}.purged_inquiries (inquiry_id, purged_at) VALUES (@inquiry, @now) ON CONFLICT DO NOTHING");
        remember.Parameters.Add(new NpgsqlParameter<Guid>("inquiry", inquiryId));
        remember.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        var delete = new NpgsqlBatchCommand($"DELETE FROM {Schema}.deliveries WHERE inquiry_id = @inquiry");
        delete.Parameters.Add(new NpgsqlParameter<Guid>("inquiry", inquiryId));
        batch.BatchCommands.Add(remember);
        batch.BatchCommands.Add(delete);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return delete.RecordsAffected;
    }

    /// <summary>
    /// The ids of the inquiry's emails to the customer (receipt, replies) made before
    /// <paramref name="deliveryId"/>, oldest first, leaving out those never sent (cancelled or failed):
    /// the References of the next one.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> EarlierToCustomerAsync(Guid inquiryId, Guid deliveryId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT id FROM {Schema}.deliveries
            WHERE inquiry_id = @inquiry AND kind IN ('receipt', 'reply', 'reminder') AND status IN ('pending', 'sent', 'bounced')
                AND sequence < (SELECT sequence FROM {Schema}.deliveries WHERE id = @id)
            ORDER BY sequence
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("inquiry", inquiryId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", deliveryId));
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>The inquiries of those of the deliveries that were emails to a customer, in the order given (an answer's References, oldest first).</summary>
    public async Task<IReadOnlyList<Guid>> InquiriesOfDeliveriesAsync(IReadOnlyList<Guid> deliveryIds, CancellationToken cancellationToken)
    {
        if (deliveryIds.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand($"""
            SELECT d.inquiry_id FROM unnest(@ids) WITH ORDINALITY AS given(id, position)
            JOIN {Schema}.deliveries d ON d.id = given.id AND d.kind IN ('receipt', 'reply')
            ORDER BY given.position
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. deliveryIds]));
        var inquiries = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inquiries.Add(reader.GetGuid(0));
        }

        return inquiries;
    }

    /// <summary>A delivery status notification came back for a sent email.</summary>
    public Task MarkBouncedAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"UPDATE {Schema}.deliveries SET status = 'bounced', bounced_at = @now WHERE id = @id AND status = 'sent'",
            cancellationToken, new NpgsqlParameter<Guid>("id", id), new NpgsqlParameter<DateTimeOffset>("now", now));

    public async Task<IReadOnlyList<DeliveryRecord>> ListByInquiryAsync(Guid inquiryId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT id, kind, recipient_hash, status, attempts, last_error, created_at, sent_at, failed_at
            FROM {Schema}.deliveries WHERE inquiry_id = @inquiry ORDER BY created_at, kind
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("inquiry", inquiryId));
        var records = new List<DeliveryRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new DeliveryRecord(
                reader.GetGuid(0),
                DeliveryNames.ParseKind(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                DeliveryNames.ParseStatus(reader.GetString(3)),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return records;
    }

    /// <summary>A mail server's error text as PostgreSQL can store it (<see cref="StorableText"/>).</summary>
    private static NpgsqlParameter<string> Storable(string name, string value) => new(name, StorableText.Strip(value)!);

    private static async Task LockInquiryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid inquiryId, CancellationToken cancellationToken)
    {
        await AdvisoryLocks.LockForTransactionAsync(connection, transaction, "notification:inquiry:" + inquiryId, cancellationToken);
    }

    private static async Task<bool> IsPurgedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid inquiryId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {Schema}.purged_inquiries WHERE inquiry_id = @inquiry)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid>("inquiry", inquiryId));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>A delivery as the status endpoint reads it.</summary>
public sealed record DeliveryRecord(
    Guid Id,
    DeliveryKind Kind,
    string? RecipientHash,
    DeliveryStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? FailedAt);
