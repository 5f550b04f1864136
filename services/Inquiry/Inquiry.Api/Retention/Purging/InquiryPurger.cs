using System.Diagnostics.Metrics;
using Npgsql;
using SupportPlatform.EventStore;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Inquiry.Retention.Purging;

/// <summary>What one purge transaction did.</summary>
public sealed record PurgeOutcome(IReadOnlyList<PurgeAuditRecord> Purged, IReadOnlyList<NotPurged> NotPurged);

/// <summary>
/// Purges a batch of inquiries in one transaction and a handful of round trips, whatever the batch
/// size: lock the inquiries' stream rows (in id order, so concurrent purges cannot deadlock, and a
/// concurrent append waits and then fails its expected-version check), re-check eligibility under
/// the lock, then — in this order — delete the data keys (crypto-shredding: from here on backups
/// and replicas of everything below are unreadable), the events and streams, the read-model rows
/// and the attachments, write the PII-free audit rows, and append one purge marker per inquiry to
/// the run's stream.
/// </summary>
/// <remarks>
/// Why markers in a <c>retention-run</c> stream rather than an outbox table: the inquiry's own
/// stream is deleted, so it cannot carry the news; a marker appended to the event store in the
/// purge's transaction reaches the broker through the existing checkpointed publisher (at least
/// once, message id = event id, one replica, trace context), with no second publisher, table or
/// lease to keep. The marker holds only the inquiry id, the reason and the time.
/// <para>
/// Every delete runs set-based over the whole batch in one round trip, which is what makes
/// thousands of purges per second possible.
/// </para>
/// </remarks>
public sealed class InquiryPurger(EventStore.EventStore store, TimeProvider time, ILogger<InquiryPurger> logger)
{
    public const string RunStreamType = "retention-run";

    private const string Schema = InquirySchema.Name;

    private static readonly Counter<long> Purged =
        Telemetry.Meter.CreateCounter<long>("inquiry.purged", "{inquiry}", "Inquiries purged (key shredded, stream, read models and attachments deleted), by reason");

    public async Task<PurgeOutcome> PurgeAsync(IReadOnlyCollection<Guid> inquiryIds, string reason, Guid runId, CancellationToken cancellationToken)
    {
        if (inquiryIds.Count == 0)
        {
            return new PurgeOutcome([], []);
        }

        using var activity = Telemetry.Source.StartActivity("inquiry purge");
        activity?.SetTag("inquiry.purge.reason", reason);
        activity?.SetTag("inquiry.purge.requested", inquiryIds.Count);

        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var candidates = await LockAsync(connection, transaction, [.. inquiryIds.Distinct()], cancellationToken);
        var now = time.GetUtcNow();

        var notPurged = new List<NotPurged>();
        var eligible = new List<PurgeCandidate>(candidates.Count);
        foreach (var id in inquiryIds.Distinct())
        {
            if (!candidates.TryGetValue(id, out var candidate))
            {
                notPurged.Add(new NotPurged(id, PurgeEligibility.NotFound));
            }
            else if (PurgeEligibility.WhyNot(candidate, reason, now) is { } why)
            {
                notPurged.Add(new NotPurged(id, why));
            }
            else
            {
                eligible.Add(candidate);
            }
        }

        if (eligible.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return new PurgeOutcome([], notPurged);
        }

        var records = eligible
            .Select(c => new PurgeAuditRecord(
                c.InquiryId, c.SubmittedAt, c.LastBusinessActivityAt, c.Deadline, reason, c.PolicyVersion, c.StreamVersion, c.Attachments, now, runId))
            .ToArray();
        await DeleteAndAuditAsync(connection, transaction, records, cancellationToken);
        await store.AppendAsync(
            connection, transaction, runId, RunStreamType, ExpectedVersion.Any,
            [.. records.Select(r => new InquiryPurgeRecorded(r.InquiryId, reason, runId, now))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        Purged.Add(records.Length, new KeyValuePair<string, object?>("reason", reason));
        activity?.SetTag("inquiry.purge.purged", records.Length);
        logger.LogDebug("Run {RunId} purged {Count} inquiries ({Reason}); {NotPurged} left in place", runId, records.Length, reason, notPurged.Count);
        return new PurgeOutcome(records, notPurged);
    }

    private static async Task<Dictionary<Guid, PurgeCandidate>> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] ids, CancellationToken cancellationToken)
    {
        // A stream row deleted by a concurrent purge while we waited for its lock is skipped by
        // PostgreSQL, so the loser of a race simply does not see the inquiry any more.
        await using var command = new NpgsqlCommand(
            $"""
            SELECT s.id, s.version, i.version, i.submitted_at, r.last_business_activity_at, r.deadline, r.policy_version, r.on_hold,
                   (SELECT count(*)::int FROM {Schema}.attachments a WHERE a.inquiry_id = s.id)
            FROM {Schema}.streams s
            JOIN {Schema}.inquiries i ON i.id = s.id
            JOIN {Schema}.retention_index r ON r.inquiry_id = s.id
            WHERE s.id = ANY(@ids) AND s.type = @type
            ORDER BY s.id
            FOR UPDATE OF s
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
        command.Parameters.Add(new NpgsqlParameter<string>("type", InquirySchema.StreamType));
        var candidates = new Dictionary<Guid, PurgeCandidate>(ids.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            candidates[id] = new PurgeCandidate(
                id,
                StreamVersion: reader.GetInt64(1),
                ProjectedVersion: reader.GetInt64(2),
                SubmittedAt: reader.GetFieldValue<DateTimeOffset>(3),
                LastBusinessActivityAt: reader.GetFieldValue<DateTimeOffset>(4),
                Deadline: reader.GetFieldValue<DateTimeOffset>(5),
                PolicyVersion: reader.GetString(6),
                OnHold: reader.GetBoolean(7),
                Attachments: reader.GetInt32(8));
        }

        return candidates;
    }

    private async Task DeleteAndAuditAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PurgeAuditRecord[] records, CancellationToken cancellationToken)
    {
        var ids = records.Select(r => r.InquiryId).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                ForIds($"DELETE FROM {Schema}.data_keys WHERE inquiry_id = ANY(@ids)", ids),
                store.DeleteStreams(ids),
                ForIds($"DELETE FROM {Schema}.inquiries WHERE id = ANY(@ids)", ids),
                ForIds($"DELETE FROM {Schema}.retention_index WHERE inquiry_id = ANY(@ids)", ids),
                ForIds($"DELETE FROM {Schema}.attachments WHERE inquiry_id = ANY(@ids)", ids),
                new NpgsqlBatchCommand(
                    $"""
                    INSERT INTO {Schema}.purge_audit
                        (inquiry_id, submitted_at, last_business_activity_at, deadline, reason, policy_version, events_deleted, attachments_deleted, purged_at, run_id)
                    SELECT * FROM unnest(@ids, @submitted, @last, @deadline, @reason, @policy, @events, @attachments, @purged, @run)
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<Guid[]>("ids", ids),
                        new NpgsqlParameter<DateTimeOffset[]>("submitted", [.. records.Select(r => r.SubmittedAt)]),
                        new NpgsqlParameter<DateTimeOffset[]>("last", [.. records.Select(r => r.LastBusinessActivityAt)]),
                        new NpgsqlParameter<DateTimeOffset[]>("deadline", [.. records.Select(r => r.Deadline)]),
                        new NpgsqlParameter<string[]>("reason", [.. records.Select(r => r.Reason)]),
                        new NpgsqlParameter<string[]>("policy", [.. records.Select(r => r.PolicyVersion)]),
                        new NpgsqlParameter<long[]>("events", [.. records.Select(r => r.EventsDeleted)]),
                        new NpgsqlParameter<int[]>("attachments", [.. records.Select(r => r.AttachmentsDeleted)]),
                        new NpgsqlParameter<DateTimeOffset[]>("purged", [.. records.Select(r => r.PurgedAt)]),
                        new NpgsqlParameter<Guid[]>("run", [.. records.Select(r => r.RunId)]),
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);

        // The stream rows were locked at these versions, so every event must have gone with them.
        var eventsDeleted = batch.BatchCommands[1].RecordsAffected;
        var expected = records.Sum(r => r.EventsDeleted);
        if (eventsDeleted != expected)
        {
            throw new InvalidOperationException($"Purge deleted {eventsDeleted} events where the locked streams held {expected}.");
        }
    }

    private static NpgsqlBatchCommand ForIds(string sql, Guid[] ids) => new(sql) { Parameters = { new NpgsqlParameter<Guid[]>("ids", ids) } };
}
