using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Retention.Purging;
using SupportPlatform.Postgres;

namespace SupportPlatform.Inquiry.Retention;

public sealed class RetentionOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    public int BatchSize { get; set; } = 500;

    /// <summary>How often a replica that does not run the job tries to take it over (and the one that does checks it still may).</summary>
    public TimeSpan LeadershipPoll { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// One pass over the retention index: everything whose deadline has passed at the pass's "now" and
/// is not on hold is purged, a batch per transaction. Only one pass runs at a time across replicas
/// (a session advisory lock). A crash leaves every committed batch purged and the rest still due,
/// so the next pass simply continues: the pass is idempotent and resumable by construction.
/// </summary>
public sealed class RetentionPass(
    NpgsqlDataSource dataSource, InquiryPurger purger, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionPass> logger)
{
    private const string Schema = InquiryStore.Schema;
    private const string LockKey = "retention:" + InquiryStore.Schema;

    /// <summary>The pass's summary, or null when another pass (on this or another replica) holds the lock.</summary>
    public async Task<RetentionRunSummary?> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var runId = Guid.CreateVersion7();
        var asOf = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        if (dryRun)
        {
            var (due, held) = await CountDueAsync(asOf, cancellationToken);
            return new RetentionRunSummary(runId, DryRun: true, asOf, due, 0, 0, held, 0, 0, stopwatch.Elapsed.TotalMilliseconds);
        }

        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var passLock = await AdvisoryLocks.TryLockSessionAsync(lockConnection, LockKey, cancellationToken);
        if (passLock is null)
        {
            return null;
        }

        var summary = await PurgeDueAsync(runId, asOf, stopwatch, cancellationToken);
        logger.LogInformation(
            "Retention run {RunId} as of {AsOf:o}: {Purged} of {Due} due inquiries purged, {NotPurged} left in place, {DueButOnHold} due but on legal hold; {EventsDeleted} events and {AttachmentsDeleted} attachments deleted in {ElapsedMs:F0} ms",
            runId, asOf, summary.Purged, summary.Due, summary.NotPurged, summary.DueButOnHold, summary.EventsDeleted, summary.AttachmentsDeleted, summary.ElapsedMs);
        return summary;
    }

    private async Task<RetentionRunSummary> PurgeDueAsync(Guid runId, DateTimeOffset asOf, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        int due = 0, purged = 0, notPurged = 0;
        long events = 0, attachments = 0;
        (DateTimeOffset Deadline, Guid Id) after = (DateTimeOffset.MinValue, Guid.Empty);
        while (true)
        {
            var page = await NextDueAsync(asOf, after, options.Value.BatchSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1];
            var outcome = await purger.PurgeAsync([.. page.Select(p => p.Id)], PurgeReasons.RetentionExpired, runId, cancellationToken);
            due += page.Count;
            purged += outcome.Purged.Count;
            notPurged += outcome.NotPurged.Count;
            events += outcome.Purged.Sum(r => r.EventsDeleted);
            attachments += outcome.Purged.Sum(r => r.AttachmentsDeleted);
        }

        var (_, held) = await CountDueAsync(asOf, cancellationToken);
        return new RetentionRunSummary(runId, DryRun: false, asOf, due, purged, notPurged, held, events, attachments, stopwatch.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// The next page of due inquiries after the last one seen, by (deadline, id): inquiries left in
    /// place (changed meanwhile) are not selected again in the same pass.
    /// </summary>
    private async Task<List<(DateTimeOffset Deadline, Guid Id)>> NextDueAsync(
        DateTimeOffset asOf, (DateTimeOffset Deadline, Guid Id) after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT deadline, id FROM {Schema}.mt_doc_retention
            WHERE NOT on_hold AND deadline <= @as_of AND (deadline, id) > (@after_deadline, @after_id)
            ORDER BY deadline, id
            LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("as_of", asOf));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("after_deadline", after.Deadline));
        command.Parameters.Add(new NpgsqlParameter<Guid>("after_id", after.Id));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var page = new List<(DateTimeOffset, Guid)>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add((reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1)));
        }

        return page;
    }

    private async Task<(int Due, int Held)> CountDueAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT count(*) FILTER (WHERE NOT on_hold)::int, count(*) FILTER (WHERE on_hold)::int FROM {Schema}.mt_doc_retention WHERE deadline <= @as_of");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("as_of", asOf));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }
}
