using Npgsql;
using SupportPlatform.EventStore;
using SupportPlatform.Inquiry.Domain;

namespace SupportPlatform.Inquiry.ReadModels;

/// <summary>
/// Keeps two tables from the log, both keyed by inquiry id: <c>inquiries</c> (the agent queue:
/// status, age, assignee, waiting-on, email hash, search-term hashes, the sealed summary) and <c>retention_index</c>
/// (deadline = last business activity + consented retention, and whether a legal hold suspends it).
/// Purge markers live in retention-run streams and touch neither table. A batch costs two round trips
/// whatever its size: one that loads the rows it touches, one that upserts them all from arrays.
/// </summary>
public sealed class InquiryReadModelsProjection : IProjection
{
    public const string CheckpointName = "inquiry-read-models";

    public string Name => CheckpointName;

    public static string Sql(string schema) => $"""
        CREATE TABLE IF NOT EXISTS {schema}.inquiries (
            id uuid PRIMARY KEY,
            status text NOT NULL,
            waiting_on text,
            submitted_at timestamptz NOT NULL,
            last_activity_at timestamptz NOT NULL,
            assignee_id uuid,
            assignee_name text,
            agent_has_replied boolean NOT NULL,
            email_hash text NOT NULL,
            summary text NOT NULL,
            access_token_hash text NOT NULL,
            version bigint NOT NULL
        );
        CREATE INDEX IF NOT EXISTS inquiries_email_hash ON {schema}.inquiries (email_hash);
        ALTER TABLE {schema}.inquiries ADD COLUMN IF NOT EXISTS search_tokens text[] NOT NULL DEFAULT ARRAY[]::text[];
        CREATE INDEX IF NOT EXISTS inquiries_search_tokens ON {schema}.inquiries USING gin (search_tokens);
        CREATE INDEX IF NOT EXISTS inquiries_queue ON {schema}.inquiries (status, last_activity_at);
        CREATE TABLE IF NOT EXISTS {schema}.retention_index (
            inquiry_id uuid PRIMARY KEY,
            policy_version text NOT NULL,
            retention_period text NOT NULL,
            last_business_activity_at timestamptz NOT NULL,
            deadline timestamptz NOT NULL,
            on_hold boolean NOT NULL DEFAULT false
        );
        ALTER TABLE {schema}.retention_index ADD COLUMN IF NOT EXISTS on_hold boolean NOT NULL DEFAULT false;
        CREATE INDEX IF NOT EXISTS retention_index_deadline ON {schema}.retention_index (deadline);
        CREATE INDEX IF NOT EXISTS retention_index_due ON {schema}.retention_index (deadline, inquiry_id) WHERE NOT on_hold;
        """;

    private const string Schema = InquirySchema.Name;

    public async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.Select(e => e.StreamId).Distinct().ToArray();
        var (queue, retention) = await LoadAsync(connection, transaction, ids, cancellationToken);
        var touchedQueue = new HashSet<Guid>();
        var touchedRetention = new HashSet<Guid>();

        foreach (var stored in events)
        {
            var @event = (IInquiryEvent)stored.Data;
            var id = stored.StreamId;
            if (@event is InquiryPurgeRecorded)
            {
                continue;
            }

            if (@event is ConsentGiven consent)
            {
                retention[id] = new RetentionRow(id, consent.PolicyVersion, consent.Retention, consent.GivenAt, OnHold: false);
                touchedRetention.Add(id);
            }

            if (BusinessActivityAt(@event) is { } at && retention.TryGetValue(id, out var retentionRow))
            {
                retention[id] = retentionRow with { LastBusinessActivityAt = at };
                touchedRetention.Add(id);
            }

            if (@event is LegalHoldPlaced or LegalHoldReleased && retention.TryGetValue(id, out var held))
            {
                retention[id] = held with { OnHold = @event is LegalHoldPlaced };
                touchedRetention.Add(id);
            }

            if (@event is InquirySubmitted submitted)
            {
                queue[id] = new QueueRow(InquiryState.Evolve(null, submitted)!, null, submitted.EmailHash, submitted.Summary.Cipher, submitted.AccessTokenHash, stored.Version)
                {
                    SearchTokens = [.. submitted.SearchTokens ?? []],
                };
                touchedQueue.Add(id);
            }
            else if (queue.TryGetValue(id, out var row))
            {
                queue[id] = row with
                {
                    State = InquiryState.Evolve(row.State, @event)!,
                    AssigneeName = @event is InquiryAssigned assigned ? assigned.AssigneeName : row.AssigneeName,
                    Version = stored.Version,
                };
                touchedQueue.Add(id);
            }
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        if (touchedQueue.Count > 0)
        {
            batch.BatchCommands.Add(UpsertQueue([.. touchedQueue.Select(id => queue[id])]));
        }

        if (touchedRetention.Count > 0)
        {
            batch.BatchCommands.Add(UpsertRetention([.. touchedRetention.Select(id => retention[id])]));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {Schema}.inquiries, {Schema}.retention_index", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Compliance actions (legal holds) and notes do not move the retention clock; conversation and closing do.</summary>
    public static DateTimeOffset? BusinessActivityAt(IInquiryEvent @event) => @event switch
    {
        InquirySubmitted e => e.SubmittedAt,
        AgentReplied e => e.RepliedAt,
        CustomerReplied e => e.RepliedAt,
        InquiryClosed e => e.ClosedAt,
        _ => null,
    };

    public static string StatusName(InquiryStatus status) => status.ToString().ToLowerInvariant();

    public static string? WaitingOnName(WaitingOn? waitingOn) => waitingOn?.ToString().ToLowerInvariant();

    private static async Task<(Dictionary<Guid, QueueRow>, Dictionary<Guid, RetentionRow>)> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] ids, CancellationToken cancellationToken)
    {
        var queue = new Dictionary<Guid, QueueRow>(ids.Length);
        var retention = new Dictionary<Guid, RetentionRow>(ids.Length);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    $"""
                    SELECT id, status, submitted_at, last_activity_at, assignee_id, assignee_name, agent_has_replied, email_hash, summary, access_token_hash, version
                    FROM {Schema}.inquiries WHERE id = ANY(@ids)
                    """) { Parameters = { new NpgsqlParameter<Guid[]>("ids", ids) } },
                new NpgsqlBatchCommand(
                    $"SELECT inquiry_id, policy_version, retention_period, last_business_activity_at, on_hold FROM {Schema}.retention_index WHERE inquiry_id = ANY(@ids)")
                    { Parameters = { new NpgsqlParameter<Guid[]>("ids", ids) } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            var state = new InquiryState(
                id,
                Enum.Parse<InquiryStatus>(reader.GetString(1), ignoreCase: true),
                reader.IsDBNull(4) ? null : reader.GetGuid(4),
                reader.GetBoolean(6),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3));
            queue[id] = new QueueRow(state, reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetInt64(10));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            retention[id] = new RetentionRow(id, reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4));
        }

        return (queue, retention);
    }

    private static NpgsqlBatchCommand UpsertQueue(QueueRow[] rows) => new(
        $"""
        INSERT INTO {Schema}.inquiries (id, status, waiting_on, submitted_at, last_activity_at, assignee_id, assignee_name, agent_has_replied, email_hash, summary, access_token_hash, version, search_tokens)
        SELECT u.id, u.status, u.waiting_on, u.submitted_at, u.last_activity_at, u.assignee_id, u.assignee_name, u.replied, u.email_hash, u.summary, u.token_hash, u.version,
               -- unnest flattens a text[][]; the tokens travel as one space-joined string per row instead.
               string_to_array(u.search_tokens, ' ')
        FROM unnest(@id, @status, @waiting_on, @submitted_at, @last_activity_at, @assignee_id, @assignee_name, @replied, @email_hash, @summary, @token_hash, @version, @search_tokens)
            AS u(id, status, waiting_on, submitted_at, last_activity_at, assignee_id, assignee_name, replied, email_hash, summary, token_hash, version, search_tokens)
        ON CONFLICT (id) DO UPDATE SET
            status = excluded.status, waiting_on = excluded.waiting_on, last_activity_at = excluded.last_activity_at,
            assignee_id = excluded.assignee_id, assignee_name = excluded.assignee_name, agent_has_replied = excluded.agent_has_replied,
            version = excluded.version
        """)
    {
        Parameters =
        {
            new NpgsqlParameter<Guid[]>("id", [.. rows.Select(r => r.State.Id)]),
            new NpgsqlParameter<string[]>("status", [.. rows.Select(r => StatusName(r.State.Status))]),
            new NpgsqlParameter<string?[]>("waiting_on", [.. rows.Select(r => WaitingOnName(r.State.WaitingOn))]),
            new NpgsqlParameter<DateTimeOffset[]>("submitted_at", [.. rows.Select(r => r.State.SubmittedAt)]),
            new NpgsqlParameter<DateTimeOffset[]>("last_activity_at", [.. rows.Select(r => r.State.LastActivityAt)]),
            new NpgsqlParameter<Guid?[]>("assignee_id", [.. rows.Select(r => r.State.AssigneeId)]),
            new NpgsqlParameter<string?[]>("assignee_name", [.. rows.Select(r => r.AssigneeName)]),
            new NpgsqlParameter<bool[]>("replied", [.. rows.Select(r => r.State.AgentHasReplied)]),
            new NpgsqlParameter<string[]>("email_hash", [.. rows.Select(r => r.EmailHash)]),
            new NpgsqlParameter<string[]>("summary", [.. rows.Select(r => r.SealedSummary)]),
            new NpgsqlParameter<string[]>("token_hash", [.. rows.Select(r => r.AccessTokenHash)]),
            new NpgsqlParameter<long[]>("version", [.. rows.Select(r => r.Version)]),
            new NpgsqlParameter<string[]>("search_tokens", [.. rows.Select(r => string.Join(' ', r.SearchTokens))]),
        },
    };

    private static NpgsqlBatchCommand UpsertRetention(RetentionRow[] rows) => new(
        $"""
        INSERT INTO {Schema}.retention_index (inquiry_id, policy_version, retention_period, last_business_activity_at, deadline, on_hold)
        SELECT * FROM unnest(@id, @policy, @period, @last, @deadline, @on_hold)
        ON CONFLICT (inquiry_id) DO UPDATE SET
            last_business_activity_at = excluded.last_business_activity_at, deadline = excluded.deadline, on_hold = excluded.on_hold
        """)
    {
        Parameters =
        {
            new NpgsqlParameter<Guid[]>("id", [.. rows.Select(r => r.InquiryId)]),
            new NpgsqlParameter<string[]>("policy", [.. rows.Select(r => r.PolicyVersion)]),
            new NpgsqlParameter<string[]>("period", [.. rows.Select(r => r.RetentionPeriod)]),
            new NpgsqlParameter<DateTimeOffset[]>("last", [.. rows.Select(r => r.LastBusinessActivityAt)]),
            new NpgsqlParameter<DateTimeOffset[]>("deadline", [.. rows.Select(r => r.Deadline)]),
            new NpgsqlParameter<bool[]>("on_hold", [.. rows.Select(r => r.OnHold)]),
        },
    };

    /// <summary><see cref="SearchTokens"/> are written with the row and never change (only the submission carries them).</summary>
    private sealed record QueueRow(InquiryState State, string? AssigneeName, string EmailHash, string SealedSummary, string AccessTokenHash, long Version)
    {
        public string[] SearchTokens { get; init; } = [];
    }

    private sealed record RetentionRow(Guid InquiryId, string PolicyVersion, string RetentionPeriod, DateTimeOffset LastBusinessActivityAt, bool OnHold)
    {
        public DateTimeOffset Deadline => Domain.RetentionPeriod.Deadline(LastBusinessActivityAt, RetentionPeriod);
    }
}
