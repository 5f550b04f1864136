using System.Diagnostics;
using Npgsql;
using SupportPlatform.Inquiry.ReadModels;

namespace SupportPlatform.Inquiry.Retention;

/// <summary>
/// Waits until the read-model projection has applied every event committed before the call. An
/// erasure request looks inquiries up by email hash in the read model; without this wait, an
/// inquiry submitted a moment earlier could be missed. (Real time, not the injected clock: this
/// bounds a wait for the database, it is no business time.)
/// </summary>
public sealed class ReadModelCatchUp(NpgsqlDataSource dataSource)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>True when caught up within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var head = await ScalarAsync<long>($"SELECT coalesce(max(position), 0) FROM {InquirySchema.Name}.events", null, cancellationToken);
        var waiting = Stopwatch.StartNew();
        while (!await ScalarAsync<bool>(
            $"""
            SELECT NOT EXISTS (
                SELECT 1 FROM {InquirySchema.Name}.events e
                LEFT JOIN {InquirySchema.Name}.checkpoints c ON c.name = @name
                WHERE e.position <= @head
                  AND (e.tx_id, e.position) > (coalesce(c.tx_id, '0'::xid8), coalesce(c.position, 0)))
            """, head, cancellationToken))
        {
            if (waiting.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(Poll, cancellationToken);
        }

        return true;
    }

    private async Task<T> ScalarAsync<T>(string sql, long? head, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (head is { } value)
        {
            command.Parameters.Add(new NpgsqlParameter<long>("head", value));
            command.Parameters.Add(new NpgsqlParameter<string>("name", InquiryReadModelsProjection.CheckpointName));
        }

        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
