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
/// address (matched through its keyed hash, never in plain text), an inquiry id, or words of the
/// summary or company name (every search term's keyed hash must be among the inquiry's; see
/// <see cref="SearchTerms"/>). Filters: status, assignee (a staff id or <c>none</c>), waitingOn
/// (customer, agent), olderThanDays (since submission); sort: activity, -activity, submitted, -submitted.
/// </summary>
public static class ListQueue
{
    private static readonly string[] Statuses = ["open", "answered", "waiting", "closed"];
    private static readonly string[] WaitingOnValues = ["customer", "agent"];

    private static readonly Dictionary<string, string> Orders = new(StringComparer.Ordinal)
    {
        ["activity"] = "last_activity_at, id",
        ["-activity"] = "last_activity_at DESC, id DESC",
        ["submitted"] = "submitted_at, id",
        ["-submitted"] = "submitted_at DESC, id DESC",
    };

    public static RouteGroupBuilder MapQueue(this RouteGroupBuilder agent)
    {
        agent.MapGet("/", Handle)
            .WithName("ListInquiries")
            .WithSummary("The queue, oldest activity first: filter by status (open, answered, waiting, closed), assignee (staff id or none), waitingOn (customer, agent), olderThanDays and q (email, id, or words of the summary or company); sort by activity, -activity, submitted, -submitted; page from 1, pageSize ≤ 100.");
        return agent;
    }

    private static async Task<Results<Ok<QueuePage>, ValidationProblem>> Handle(
        string? status, string? q, int? page, int? pageSize, string? assignee, string? waitingOn, int? olderThanDays, string? sort,
        NpgsqlDataSource dataSource, PersonalDataKeys keys, DataKeyStore dataKeys, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var statusFilter = status?.Trim().ToLowerInvariant();
        if (statusFilter is { Length: > 0 } && !Statuses.Contains(statusFilter))
        {
            errors.Add("status", "One of open, answered, waiting, closed.");
        }

        Guid? assigneeFilter = null;
        var unassigned = string.Equals(assignee?.Trim(), "none", StringComparison.OrdinalIgnoreCase);
        if (assignee is { Length: > 0 } && !unassigned)
        {
            if (Guid.TryParse(assignee, out var staffId) && staffId != Guid.Empty)
            {
                assigneeFilter = staffId;
            }
            else
            {
                errors.Add("assignee", "A staff id, or none.");
            }
        }

        var waitingOnFilter = waitingOn?.Trim().ToLowerInvariant();
        if (waitingOnFilter is { Length: > 0 } && !WaitingOnValues.Contains(waitingOnFilter))
        {
            errors.Add("waitingOn", "One of customer, agent.");
        }

        if (olderThanDays is < 0 or > 36_500)
        {
            errors.Add("olderThanDays", "Between 0 and 36500.");
        }

        var order = Orders.GetValueOrDefault(sort?.Trim() is { Length: > 0 } given ? given : "activity");
        if (order is null)
        {
            errors.Add("sort", "One of activity, -activity, submitted, -submitted.");
        }

        var query = TextValues.Normalize(q);
        Guid? idFilter = null;
        string? emailHash = null;
        string[]? searchTokens = null;
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
            else if (query.Length <= 200 && keys.SearchTokens(query) is { Length: > 0 } tokens)
            {
                searchTokens = tokens;
            }
            else
            {
                errors.Add("q", "Search by the customer's email address, the inquiry id, or a word of two or more letters from the summary or company.");
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

        if (searchTokens is not null)
        {
            where.Append(" AND search_tokens @> @search_tokens");
            command.Parameters.Add(new NpgsqlParameter<string[]>("search_tokens", searchTokens));
        }

        if (assigneeFilter is { } assigneeId)
        {
            where.Append(" AND assignee_id = @assignee_id");
            command.Parameters.Add(new NpgsqlParameter<Guid>("assignee_id", assigneeId));
        }
        else if (unassigned)
        {
            where.Append(" AND assignee_id IS NULL");
        }

        if (waitingOnFilter is { Length: > 0 })
        {
            where.Append(" AND waiting_on = @waiting_on");
            command.Parameters.Add(new NpgsqlParameter<string>("waiting_on", waitingOnFilter));
        }

        if (olderThanDays is { } days)
        {
            where.Append(" AND submitted_at <= @submitted_before");
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("submitted_before", time.GetUtcNow().AddDays(-days)));
        }

        command.CommandText = $"""
            SELECT id, status, waiting_on, submitted_at, last_activity_at, assignee_id, assignee_name, summary, version, count(*) OVER ()
            FROM {InquirySchema.Name}.inquiries {where}
            ORDER BY {order}
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
