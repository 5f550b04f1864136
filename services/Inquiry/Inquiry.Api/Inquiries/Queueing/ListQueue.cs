using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.Queueing;

public sealed record QueueItem(
    Guid InquiryId,
    string Status,
    string? WaitingOn,
    DateTimeOffset SubmittedAt,
    DateTimeOffset LastActivityAt,
    Guid? AssigneeId,
    string? AssigneeName,
    string? Summary,
    long Version);

public sealed record QueuePage(IReadOnlyList<QueueItem> Items, int Page, int PageSize, long Total);

/// <summary>
/// The agent queue from the read model (it may lag the streams by a moment). <c>q</c> is an email
/// address (matched through its keyed hash, never in plain text) or an inquiry id.
/// </summary>
public static class ListQueue
{
    private static readonly string[] Statuses = ["open", "answered", "waiting", "closed"];

    public static RouteGroupBuilder MapQueue(this RouteGroupBuilder agent)
    {
        agent.MapGet("/", Handle)
            .WithName("ListInquiries")
            .WithSummary("The queue, oldest activity first: filter by status (open, answered, waiting, closed) and q (email or id); page from 1, pageSize ≤ 100.");
        return agent;
    }

    private static async Task<Results<Ok<QueuePage>, ValidationProblem>> Handle(
        string? status, string? q, int? page, int? pageSize,
        NpgsqlDataSource dataSource, PersonalDataKeys keys, DataKeyStore dataKeys, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var statusFilter = status?.Trim().ToLowerInvariant();
        if (statusFilter is { Length: > 0 } && !Statuses.Contains(statusFilter))
        {
            errors.Add("status", "One of open, answered, waiting, closed.");
        }

        var query = TextValues.Normalize(q);
        Guid? idFilter = null;
        string? emailHash = null;
        if (query is not null)
        {
            if (Guid.TryParse(query, out var id))
            {
                idFilter = id;
            }
            else if (query.Contains('@', StringComparison.Ordinal) && query.Length <= 254)
            {
                emailHash = keys.EmailHash(query);
            }
            else
            {
                errors.Add("q", "Search by the customer's email address or by inquiry id.");
            }
        }

        var pageNumber = page ?? 1;
        var size = pageSize ?? 25;
        if (pageNumber < 1)
        {
            errors.Add("page", "Pages start at 1.");
        }

        if (size is < 1 or > 100)
        {
            errors.Add("pageSize", "Between 1 and 100.");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var where = new StringBuilder("WHERE true");
        await using var command = dataSource.CreateCommand();
        if (statusFilter is { Length: > 0 })
        {
            where.Append(" AND status = @status");
            command.Parameters.Add(new NpgsqlParameter<string>("status", statusFilter));
        }

        if (idFilter is { } inquiryId)
        {
            where.Append(" AND id = @id");
            command.Parameters.Add(new NpgsqlParameter<Guid>("id", inquiryId));
        }

        if (emailHash is not null)
        {
            where.Append(" AND email_hash = @email_hash");
            command.Parameters.Add(new NpgsqlParameter<string>("email_hash", emailHash));
        }

        command.CommandText = $"""
            SELECT id, status, waiting_on, submitted_at, last_activity_at, assignee_id, assignee_name, summary, version, count(*) OVER ()
            FROM {InquirySchema.Name}.inquiries {where}
            ORDER BY last_activity_at, id
            LIMIT @limit OFFSET @offset
            """;
        command.Parameters.Add(new NpgsqlParameter<int>("limit", size));
        command.Parameters.Add(new NpgsqlParameter<long>("offset", (long)(pageNumber - 1) * size));

        var rows = new List<(QueueItem Item, string SealedSummary)>();
        long total = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((new QueueItem(
                    reader.GetGuid(0),
                    reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetGuid(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    null,
                    reader.GetInt64(8)), reader.GetString(7)));
                total = reader.GetInt64(9);
            }
        }

        var found = await dataKeys.FindManyAsync([.. rows.Select(r => r.Item.InquiryId)], cancellationToken);
        var items = rows.Select(r => found.TryGetValue(r.Item.InquiryId, out var key)
            ? r.Item with { Summary = key.Open(r.Item.InquiryId, new Sealed(r.SealedSummary)) }
            : r.Item).ToArray();
        return TypedResults.Ok(new QueuePage(items, pageNumber, size, total));
    }
}
