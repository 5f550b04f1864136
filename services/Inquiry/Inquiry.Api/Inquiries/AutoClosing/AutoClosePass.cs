using Microsoft.Extensions.Options;
using Npgsql;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Postgres;

namespace SupportPlatform.Inquiry.Inquiries.AutoClosing;

public sealed class AutoCloseOptions
{
    /// <summary>Days of silence before the reminder, and again before the close (<c>AutoClose:Days</c>).</summary>
    public int Days { get; set; } = 5;

    /// <summary>How often the pass looks (<c>AutoClose:Interval</c>).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// One auto-close pass: the inquiries the queue lists as answered and silent long enough are each
/// decided on their own stream (<see cref="AutoClose.Decide"/>), appended at the version read. One
/// pass at a time across replicas (an advisory lock); the stream's version settles any race with a
/// customer's reply or an agent.
/// </summary>
public sealed class AutoClosePass(
    NpgsqlDataSource dataSource, InquiryCommands commands, DataKeyStore keys, IWaitingDays calendar, TimeProvider time,
    IOptions<AutoCloseOptions> options, ILogger<AutoClosePass> logger)
{
    private const string LockKey = "auto-close:" + InquiryStore.Schema;

    /// <summary>How many inquiries were looked at, or null when another pass holds the lock.</summary>
    public async Task<int?> RunAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var passLock = await AdvisoryLocks.TryLockSessionAsync(lockConnection, LockKey, cancellationToken);
        if (passLock is null)
        {
            return null;
        }

        var days = options.Value.Days;
        var candidates = await CandidatesAsync(time.GetUtcNow().AddDays(-days), cancellationToken);
        foreach (var id in candidates)
        {
            if (await keys.FindAsync(id, cancellationToken) is not { } key)
            {
                continue; // purged meanwhile
            }

            var note = key.Seal(id, AutoClose.NoteText(days));
            var noteId = Guid.CreateVersion7();
            // Expect.Current decides again on a stream that moved meanwhile (a customer's reply wins).
            if (await commands.ExecuteAsync(id, Expect.Current, (state, now) => AutoClose.Decide(state, calendar, days, noteId, note, now), cancellationToken)
                is CommandOutcome.Stale or CommandOutcome.Refused)
            {
                logger.LogDebug("Auto-close left inquiry {InquiryId} for the next pass", id);
            }
        }

        return candidates.Count;
    }

    /// <summary>
    /// Answered inquiries silent for at least <c>days</c> plain days: a superset of the due ones
    /// whatever the calendar (a business day is never shorter than a day); the decision picks.
    /// </summary>
    private async Task<List<Guid>> CandidatesAsync(DateTimeOffset silentSince, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT id FROM {InquiryStore.Schema}.mt_doc_queue WHERE status = 'answered' AND last_activity_at <= @silent_since ORDER BY last_activity_at");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("silent_since", silentSince));
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}

/// <summary>Runs the pass every <see cref="AutoCloseOptions.Interval"/> on the service's clock.</summary>
internal sealed class AutoCloseJob(AutoClosePass pass, TimeProvider time, IOptions<AutoCloseOptions> options, ILogger<AutoCloseJob> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPasses.RunEveryAsync(options.Value.Interval, time, pass.RunAsync, logger, "Auto-close pass failed; what it decided is in the streams, the rest comes at the next tick", stoppingToken);
}
