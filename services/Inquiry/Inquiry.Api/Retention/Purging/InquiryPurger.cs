using System.Diagnostics.Metrics;
using Marten;
using Npgsql;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Inquiries.Rating;
using SupportPlatform.Inquiry.Inquiries.Reporting;
using SupportPlatform.Inquiry.Retention.Shredding;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Inquiry.Retention.Purging;

/// <summary>What one purge transaction did.</summary>
public sealed record PurgeOutcome(IReadOnlyList<PurgeAuditRecord> Purged, IReadOnlyList<NotPurged> NotPurged);

/// <summary>
/// Purges a batch of inquiries in one transaction: lock the inquiries' stream rows (in id order, so
/// concurrent purges cannot deadlock, and a concurrent append waits and then fails its version
/// check), re-check eligibility under the lock, then — in this order — delete the data keys
/// (crypto-shredding: from here on backups and replicas of everything below are unreadable),
/// tombstone the streams (Marten's hard delete of the stream and its events), delete the projected
/// documents and the attachments, write the PII-free audit rows, and append one purge marker per
/// inquiry to the run's stream. All of it is one Marten <c>SaveChanges</c> on our transaction.
/// Before that commit the ids go on the shred list, whose own store a restore of this database
/// does not roll back, and the database's mark in that list moves with the purge
/// (<see cref="ShredListReplay"/>). A purge that fails after listing leaves an eligible inquiry
/// listed; the next pass or a re-application shreds it.
/// </summary>
/// <remarks>
/// Why markers in a <c>retention-run</c> stream rather than an outbox table: the inquiry's own
/// stream is deleted, so it cannot carry the news; a marker appended in the purge's transaction
/// reaches the broker through the same subscription as every other event (at least once, message
/// id = event id, one replica, trace context). The marker holds only the inquiry id, the reason and the time.
/// </remarks>
public sealed class InquiryPurger(NpgsqlDataSource dataSource, IDocumentStore store, ShredList shredList, TimeProvider time, ILogger<InquiryPurger> logger)
{
    private const string Schema = InquiryStore.Schema;

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

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var session = store.OpenTracedSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
        var candidates = await LockAsync(connection, transaction, session, [.. inquiryIds.Distinct()], cancellationToken);
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
        var ids = records.Select(r => r.InquiryId).ToArray();
        var listedUpTo = await shredList.AppendAsync(ids, now, cancellationToken);
        // The message search index holds keyed hashes of its words, and its counts one per word: taken off with it, and
        // no writer adds them back (it needs the data key, deleted below).
        await Inquiries.SearchingMessages.MessageSearchIndex.DeleteAsync(connection, transaction, ids, cancellationToken);
        session.QueueSqlCommand($"DELETE FROM {Schema}.data_keys WHERE inquiry_id = ANY(?)", ids);
        session.QueueSqlCommand($"UPDATE {Schema}.shred_watermark SET position = greatest(position, ?)", listedUpTo);
        foreach (var id in ids)
        {
            session.Events.TombstoneStream(id);
        }

        session.DeleteWhere<QueueEntry>(q => q.Id.IsOneOf(ids));
        session.DeleteWhere<RetentionEntry>(r => r.Id.IsOneOf(ids));
        session.DeleteWhere<SatisfactionRating>(r => r.Id.IsOneOf(ids));
        session.DeleteWhere<ResponseTime>(r => r.Id.IsOneOf(ids));
        session.QueueSqlCommand($"DELETE FROM {Schema}.attachments WHERE inquiry_id = ANY(?)", ids);
        // An access-request export waiting for its download holds the inquiry too (sealed, but still its data).
        session.QueueSqlCommand($"DELETE FROM {Schema}.subject_exports WHERE inquiry_ids && ?", ids);
        session.QueueSqlCommand(
            $"""
            INSERT INTO {Schema}.purge_audit
                (inquiry_id, submitted_at, last_business_activity_at, deadline, reason, policy_version, events_deleted, attachments_deleted, purged_at, run_id)
            SELECT * FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            ids,
            records.Select(r => r.SubmittedAt).ToArray(),
            records.Select(r => r.LastBusinessActivityAt).ToArray(),
            records.Select(r => r.Deadline).ToArray(),
            records.Select(r => r.Reason).ToArray(),
            records.Select(r => r.PolicyVersion).ToArray(),
            records.Select(r => r.EventsDeleted).ToArray(),
            records.Select(r => r.AttachmentsDeleted).ToArray(),
            records.Select(r => r.PurgedAt).ToArray(),
            records.Select(r => r.RunId).ToArray());
        session.Events.Append(runId, [.. records.Select(r => new InquiryPurgeRecorded(r.InquiryId, reason, runId, now))]);
        await session.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        Purged.Add(records.Length, new KeyValuePair<string, object?>("reason", reason));
        activity?.SetTag("inquiry.purge.purged", records.Length);
        logger.LogDebug("Run {RunId} purged {Count} inquiries ({Reason}); {NotPurged} left in place", runId, records.Length, reason, notPurged.Count);
        return new PurgeOutcome(records, notPurged);
    }

    private static async Task<Dictionary<Guid, PurgeCandidate>> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IDocumentSession session, Guid[] ids, CancellationToken cancellationToken)
    {
        // A stream row deleted by a concurrent purge while we waited for its lock is skipped by
        // PostgreSQL, so the loser of a race simply does not see the inquiry any more.
        var locked = new Dictionary<Guid, (long Version, int Attachments)>(ids.Length);
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT s.id, s.version, (SELECT count(*)::int FROM {Schema}.attachments a WHERE a.inquiry_id = s.id)
            FROM {Schema}.mt_streams s
            WHERE s.id = ANY(@ids)
            ORDER BY s.id
            FOR UPDATE OF s
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                locked[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetInt32(2));
            }
        }

        var lockedIds = locked.Keys.ToArray();
        var queue = (await session.LoadManyAsync<QueueEntry>(cancellationToken, lockedIds)).ToDictionary(q => q.Id);
        var retention = (await session.LoadManyAsync<RetentionEntry>(cancellationToken, lockedIds)).ToDictionary(r => r.Id);
        var candidates = new Dictionary<Guid, PurgeCandidate>(lockedIds.Length);
        foreach (var (id, (version, attachments)) in locked)
        {
            // Only inquiries the read models know (a retention-run stream has neither document).
            if (queue.TryGetValue(id, out var entry) && retention.TryGetValue(id, out var index))
            {
                // The two read models are projected independently: the older of the two decides whether they are current.
                candidates[id] = new PurgeCandidate(
                    id, version, Math.Min(entry.Version, index.Version), entry.SubmittedAt, index.LastBusinessActivityAt, index.Deadline, index.PolicyVersion, index.OnHold, attachments);
            }
        }

        return candidates;
    }
}
