using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Postgres;

namespace SupportPlatform.Inquiry.ServiceLevels.Warning;

public sealed class SlaWarningOptions
{
    /// <summary>How often the sweep looks for due warnings (<c>SlaWarnings:Interval</c>): the most a warning can come late.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most inquiries one pass warns (<c>SlaWarnings:BatchSize</c>); the rest come at the next.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// One sweep for SLA warnings: the inquiries whose queue row says a warning is due
/// (<c>warn_at</c>) are each decided on the targets the row holds (<see cref="SlaWarnings.DueAt"/>)
/// and the warnings appended to the stream at exactly the version the row reflects. A stream that
/// moved since (an agent's reply, a warning already raised that the read model has not caught up
/// with) turns the append stale and the inquiry waits for the next pass, decided again on fresh
/// targets. So each warning is raised once across replicas and restarts: the advisory lock keeps to
/// one pass at a time, and the version check makes even two passes safe. Each warning names the
/// assignee of that same version (the stream's state), whom Notification emails. The publisher takes the
/// warning from the log to Notification, which emails it.
/// </summary>
public sealed class SlaWarningPass(
    IDocumentStore store, NpgsqlDataSource dataSource, InquiryCommands commands, SlaRulesInForce rules, TimeProvider time,
    IOptions<SlaWarningOptions> options, ILogger<SlaWarningPass> logger)
{
    private const string LockKey = "sla-warnings:" + InquiryStore.Schema;

    /// <summary>How many inquiries were due a warning, or null when another pass holds the lock.</summary>
    public async Task<int?> RunAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var passLock = await AdvisoryLocks.TryLockSessionAsync(lockConnection, LockKey, cancellationToken);
        if (passLock is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        IReadOnlyList<QueueEntry> due;
        await using (var session = store.QuerySession())
        {
            due = await session.Query<QueueEntry>()
                .Where(q => q.WarnAt != null && q.WarnAt <= now)
                .OrderBy(q => q.WarnAt)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
        }

        foreach (var entry in due)
        {
            if (entry.Sla is not { } track)
            {
                continue;
            }

            var outcome = await commands.ExecuteAsync(
                entry.Id, Expect.At(entry.Version),
                (state, decidedAt) => state is null ? Decision.Of() : Decision.Of([.. SlaWarnings.DueAt(entry.Id, state.AssigneeId, track, rules.Current.Calendar, decidedAt)]),
                cancellationToken);
            if (outcome is CommandOutcome.Stale or CommandOutcome.Refused)
            {
                logger.LogDebug("SLA warning of inquiry {InquiryId} left for the next pass", entry.Id);
            }
        }

        return due.Count;
    }
}

/// <summary>Runs the sweep every <see cref="SlaWarningOptions.Interval"/> on the service's clock.</summary>
internal sealed class SlaWarningJob(SlaWarningPass pass, TimeProvider time, IOptions<SlaWarningOptions> options, ILogger<SlaWarningJob> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPasses.RunEveryAsync(options.Value.Interval, time, pass.RunAsync, logger, "SLA warning pass failed; what it raised is in the streams, the rest comes at the next tick", stoppingToken);
}
