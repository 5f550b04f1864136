using System.Diagnostics;
using Npgsql;
using SupportPlatform.Inquiry.Inquiries.Queueing;

namespace SupportPlatform.Inquiry.Retention;

/// <summary>
/// Waits until both read-model projections have applied every event committed before the call. An
/// erasure request looks inquiries up by email hash in the queue and decides on the retention
/// index; without this wait, an inquiry submitted a moment earlier could be missed. (Real time, not the injected clock: this bounds a
/// wait for the database, it is no business time.)
/// </summary>
public sealed class ReadModelCatchUp(NpgsqlDataSource dataSource)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>True when caught up within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The daemon's progress is a sequence number below which nothing can still appear (it
        // waits for live transactions), so "progress >= the newest committed event" means caught up.
        var head = await ScalarAsync($"SELECT coalesce(max(seq_id), 0) FROM {InquiryStore.Schema}.mt_events", cancellationToken);
        var waiting = Stopwatch.StartNew();
        while (await ScalarAsync(
            $"""
            SELECT CASE WHEN count(*) = 2 THEN min(last_seq_id) ELSE 0 END FROM {InquiryStore.Schema}.mt_event_progression
            WHERE name IN ('{QueueProjection.ShardName}', '{RetentionIndexProjection.ShardName}')
            """, cancellationToken) < head)
        {
            if (waiting.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(Poll, cancellationToken);
        }

        return true;
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
