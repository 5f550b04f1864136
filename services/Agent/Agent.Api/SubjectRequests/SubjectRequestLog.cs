using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace SupportPlatform.Agent.SubjectRequests;

/// <summary>
/// A data subject's request as the desk tracks it: the officer's reference, dates, counts and ids,
/// nothing that names the person.
/// </summary>
public sealed record SubjectRequest(
    Guid Id,
    string Kind,
    string Reference,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt,
    Guid ReceivedBy,
    int? Inquiries,
    Guid? ExportId,
    string? CorrectedField,
    DateTimeOffset? DownloadedAt,
    DateTimeOffset? AnsweredAt,
    Guid? AnsweredBy)
{
    public bool IsOverdue(DateTimeOffset now) => AnsweredAt is null && now > DueAt;
}

/// <summary>Keeps the register of access (열람) and correction (정정) requests and their 10-day deadline.</summary>
public sealed partial class SubjectRequestLog(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string Access = "access";
    public const string Correction = "correction";

    /// <summary>PIPA art. 35 and its decree: a request is answered within 10 days of receipt.</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromDays(10);

    /// <summary>
    /// The officer's own reference (e.g. <c>2026-PIPA-0012</c>): ASCII letters, digits and
    /// <c>. _ / -</c>, so a name in Hangul cannot be filed as one.
    /// </summary>
    public static bool IsReference(string? reference) => reference is not null && ReferencePattern().IsMatch(reference);

    public async Task<SubjectRequest> ReceiveAsync(
        string kind, string reference, Guid staffId, int inquiries, Guid? exportId, string? correctedField, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var request = new SubjectRequest(Guid.CreateVersion7(now), kind, reference, now, now + AnswerWithin, staffId, inquiries, exportId, correctedField, null, null, null);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO agent.subject_requests (id, kind, reference, received_at, due_at, received_by, inquiries, export_id, corrected_field)
            VALUES (@id, @kind, @reference, @received, @due, @by, @inquiries, @export, @field)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", request.Id));
        command.Parameters.Add(new NpgsqlParameter<string>("kind", kind));
        command.Parameters.Add(new NpgsqlParameter<string>("reference", reference));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("received", request.ReceivedAt));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("due", request.DueAt));
        command.Parameters.Add(new NpgsqlParameter<Guid>("by", staffId));
        command.Parameters.Add(new NpgsqlParameter<int>("inquiries", inquiries));
        command.Parameters.Add(new NpgsqlParameter("export", NpgsqlDbType.Uuid) { Value = (object?)exportId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("field", NpgsqlDbType.Varchar) { Value = (object?)correctedField ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return request;
    }

    /// <summary>Marks the export downloaded; false when it was already (the ZIP goes out once).</summary>
    public async Task<bool> MarkDownloadedAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE agent.subject_requests SET downloaded_at = @now WHERE id = @id AND downloaded_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", time.GetUtcNow()));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", requestId));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> MarkAnsweredAsync(Guid requestId, Guid staffId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE agent.subject_requests SET answered_at = @now, answered_by = @by WHERE id = @id AND answered_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", time.GetUtcNow()));
        command.Parameters.Add(new NpgsqlParameter<Guid>("by", staffId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", requestId));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<SubjectRequest?> FindAsync(Guid requestId, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE id = @id", new NpgsqlParameter<Guid>("id", requestId), cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<SubjectRequest>> LatestAsync(int count, CancellationToken cancellationToken) =>
        QueryAsync("ORDER BY received_at DESC LIMIT @count", new NpgsqlParameter<int>("count", count), cancellationToken);

    private async Task<IReadOnlyList<SubjectRequest>> QueryAsync(string tail, NpgsqlParameter parameter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, kind, reference, received_at, due_at, received_by, inquiries, export_id, corrected_field, downloaded_at, answered_at, answered_by FROM agent.subject_requests " + tail);
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var requests = new List<SubjectRequest>();
        while (await reader.ReadAsync(cancellationToken))
        {
            requests.Add(new SubjectRequest(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetGuid(5), reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetGuid(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10), reader.IsDBNull(11) ? null : reader.GetGuid(11)));
        }

        return requests;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")]
    private static partial Regex ReferencePattern();
}
