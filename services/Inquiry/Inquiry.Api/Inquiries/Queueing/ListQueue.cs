using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Marten;
using Marten.Linq.MatchesSql;
using SupportPlatform.Inquiry.AccessRecords.RecordingApiReads;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.Inquiries.Prioritising;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.ServiceLevels;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.Queueing;

/// <summary>
/// The agent queue from the read model (it may lag the streams by a moment). <c>q</c> is an email
/// address (matched through its keyed hash, never in plain text), an inquiry id, or words of the
/// summary or company name (every search term's keyed hash must be among the inquiry's; see
/// <see cref="SearchTerms"/>). Filters: status, assignee (a staff id or <c>none</c>), waitingOn
/// (customer, agent), olderThanDays (since submission), priority; sort: activity, -activity, submitted,
/// -submitted, due (the next SLA due time first; rows with nothing running last). Pages by keyset
/// (<see cref="QueueKeyset"/>): <c>after</c> the page's <c>next</c> cursor, <c>before</c> its
/// <c>previous</c> (a numbered <c>page</c> is refused); the total is exact up to <see cref="QueueTotal.ExactUpTo"/>, estimated past it.
/// </summary>
public static class ListQueue
{
    private static readonly string[] Statuses = ["open", "answered", "waiting", "closed"];
    private static readonly string[] WaitingOnValues = ["customer", "agent"];

    public static RouteGroupBuilder MapQueue(this RouteGroupBuilder agent)
    {
        agent.MapGet("/", Handle)
            .WithName("ListInquiries")
            .WithSummary("The queue, oldest activity first: filter by status (open, answered, waiting, closed), assignee (staff id or none), waitingOn (customer, agent), olderThanDays, priority (low, normal, high, urgent) and q (email, id, or words of the summary or company); sort by activity, -activity, submitted, -submitted, due (next SLA due time first); pageSize ≤ 100. Pages by cursor: `after` = the page's `next`, `before` = its `previous` (null at either end). `total` is exact up to 10,000 and the planner's estimate past it (`totalIsEstimate`). Each row carries its next due time and its standing now (on-time, due-soon, breached).");
        return agent;
    }

    private static async Task<Results<Ok<QueuePage>, ValidationProblem>> Handle(
        string? status, string? q, string? after, string? before, string? page, int? pageSize, string? assignee, string? waitingOn, int? olderThanDays, string? sort, string? priority,
        IDocumentStore store, Npgsql.NpgsqlDataSource dataSource, PersonalDataKeys keys, DataKeyStore dataKeys, SlaRules rules, TimeProvider time, ApiReads reads, HttpContext http,
        CancellationToken cancellationToken)
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

        var sortOrder = QueueSort.Named(sort?.Trim() is { Length: > 0 } given ? given : "activity");
        if (sortOrder is null)
        {
            errors.Add("sort", "One of activity, -activity, submitted, -submitted, due.");
        }

        var afterCursor = QueueCursor.Parse(after);
        var beforeCursor = QueueCursor.Parse(before);
        foreach (var (name, text, cursor) in new[] { ("after", after, afterCursor), ("before", before, beforeCursor) })
        {
            // Only the due order has rows without a value; a cursor without one belongs to it.
            if (text is { Length: > 0 } && (cursor is null || (cursor.Value is null && sortOrder is { HasEmptyValues: false })))
            {
                errors.Add(name, "A cursor from the page's next or previous, for the same sort.");
            }
        }

        // Numbered pages were OFFSETs, which cost more the deeper they go; a caller still sending one hears so.
        if (page is not null)
        {
            errors.Add("page", "Pages are walked by cursor: after = a page's next, before = its previous.");
        }

        if (afterCursor is not null && beforeCursor is not null)
        {
            errors.Add("before", "Either after or before, not both.");
        }

        var priorityFilter = Prioritise.Parse(priority);
        if (priority is { Length: > 0 } && priorityFilter is null)
        {
            errors.Add("priority", "One of low, normal, high, urgent.");
        }

        var query = TextValues.Normalize(q);
        Guid? idFilter = null;
        string[]? emailHashes = null;
        IReadOnlyList<string[]>? searchTokens = null;
        if (query is not null)
        {
            if (Guid.TryParse(query, out var id))
            {
                idFilter = id;
            }
            else if (query.Contains('@', StringComparison.Ordinal) && query.Length <= 254)
            {
                emailHashes = keys.LookupKeys.EmailHashes(query);
            }
            else if (query.Length <= 200 && keys.LookupKeys.SearchTokenSets(query) is [{ Length: > 0 }, ..] tokenSets)
            {
                searchTokens = tokenSets;
            }
            else
            {
                errors.Add("q", "Search by the customer's email address, the inquiry id, or a word of two or more letters from the summary or company.");
            }
        }

        var size = pageSize ?? 25;
        if (size is < 1 or > 100)
        {
            errors.Add("pageSize", "Between 1 and 100.");
        }

        if (errors.Any || sortOrder is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        await using var session = store.QuerySession();
        var entries = session.Query<QueueEntry>().AsQueryable();
        if (statusFilter is { Length: > 0 })
        {
            entries = entries.Where(q => q.Status == statusFilter);
        }

        if (idFilter is { } inquiryId)
        {
            entries = entries.Where(q => q.Id == inquiryId);
        }

        if (emailHashes is not null)
        {
            entries = entries.Where(q => q.EmailHash.IsOneOf(emailHashes));
        }

        if (searchTokens is not null)
        {
            entries = entries.Where(HoldingEveryTokenOfOneSet(searchTokens));
        }

        if (assigneeFilter is { } assigneeId)
        {
            entries = entries.Where(q => q.AssigneeId == assigneeId);
        }
        else if (unassigned)
        {
            entries = entries.Where(q => q.AssigneeId == null);
        }

        if (waitingOnFilter is { Length: > 0 })
        {
            entries = entries.Where(q => q.WaitingOn == waitingOnFilter);
        }

        if (priorityFilter is { } wanted)
        {
            entries = entries.Where(q => q.Priority == wanted);
        }

        if (olderThanDays is { } days)
        {
            var submittedBefore = time.GetUtcNow().AddDays(-days);
            entries = entries.Where(q => q.SubmittedAt <= submittedBefore);
        }

        var backward = beforeCursor is not null;
        // One row more than the page tells whether there is another page in the direction walked.
        var read = await ReadAsync(entries, sortOrder, afterCursor ?? beforeCursor, backward, size + 1, cancellationToken);
        // Counted after the page is read: the daemon only adds rows meanwhile, so the total never says
        // fewer than the page shows.
        var (total, totalIsEstimate) = await QueueTotal.CountAsync(entries, dataSource, cancellationToken);
        var pageOfEntries = (backward ? read.Take(size).Reverse() : read.Take(size)).ToArray();
        var more = read.Count > size;
        string? next = null, previous = null;
        if (pageOfEntries.Length > 0)
        {
            // Forward, a page follows when a row more was read, and one precedes when this one began at a cursor;
            // walking back, the page walked from follows, and one precedes when a row more was read.
            next = backward || more ? sortOrder.CursorOf(pageOfEntries[^1]).ToString() : null;
            previous = (backward ? more : afterCursor is not null) ? sortOrder.CursorOf(pageOfEntries[0]).ToString() : null;
        }

        var now = time.GetUtcNow();
        var rows = pageOfEntries.Select(q => (
            Item: new QueueItem(
                q.Id, q.Status, q.WaitingOn, q.SubmittedAt, q.LastActivityAt, q.AssigneeId, q.AssigneeName, null, q.Version,
                Prioritise.NameOf(q.Priority), q.Category, q.DueAt, DueStanding(q, rules, now)),
            SealedSummary: q.SealedSummary)).ToArray();

        var found = await dataKeys.FindManyAsync([.. rows.Select(r => r.Item.InquiryId)], cancellationToken);
        var items = rows.Select(r => found.TryGetValue(r.Item.InquiryId, out var key)
            ? r.Item with { Summary = key.Open(r.Item.InquiryId, new Sealed(r.SealedSummary)) }
            : r.Item).ToArray();
        // Like the desk's queue page: a list that showed no inquiry showed no one's data.
        if (items.Length > 0)
        {
            await reads.RecordAsync(http, ApiReadActions.InquiriesListed, recordCount: items.Length, cancellationToken: cancellationToken);
        }

        return TypedResults.Ok(new QueuePage(items, size, total, totalIsEstimate, next, previous));
    }

    /// <summary>Up to <paramref name="take"/> rows from the cursor on in reading order (nearest first when walking back).</summary>
    private static async Task<List<QueueEntry>> ReadAsync(
        IQueryable<QueueEntry> entries, QueueSort sort, QueueCursor? cursor, bool backward, int take, CancellationToken cancellationToken)
    {
        var rows = new List<QueueEntry>(take);
        foreach (var condition in QueueKeyset.After(sort, cursor, backward))
        {
            if (rows.Count == take)
            {
                break;
            }

            var part = entries.Where(q => q.MatchesSql(condition.Sql, condition.Arguments));
            var ordered = condition.Undated
                ? sort.Descending != backward ? part.OrderByDescending(q => q.Id) : part.OrderBy(q => q.Id)
                : Sorted(part, sort, backward);
            rows.AddRange(await ordered.Take(take - rows.Count).ToListAsync(cancellationToken));
        }

        return rows;
    }

    /// <summary>The standing of the target due next; none while nothing runs.</summary>
    private static string? DueStanding(QueueEntry entry, SlaRules rules, DateTimeOffset now) =>
        entry.Sla?.Targets.Where(t => t.IsRunning).OrderBy(t => t.DueAt).FirstOrDefault() is { } next
            ? ServiceLevelViews.StandingName(next.StandingAt(now, rules.Calendar))
            : null;

    /// <summary>
    /// Every order ends on the id, so equal timestamps still page without overlap; walking back reads
    /// the same order reversed. PostgreSQL puts nulls last in ascending order (first in descending):
    /// inquiries with nothing running come after every due one.
    /// </summary>
    private static IQueryable<QueueEntry> Sorted(IQueryable<QueueEntry> entries, QueueSort sort, bool reversed) =>
        (sort.Column, Descending: sort.Descending != reversed) switch
        {
            ("last_activity_at", false) => entries.OrderBy(q => q.LastActivityAt).ThenBy(q => q.Id),
            ("last_activity_at", true) => entries.OrderByDescending(q => q.LastActivityAt).ThenByDescending(q => q.Id),
            ("submitted_at", false) => entries.OrderBy(q => q.SubmittedAt).ThenBy(q => q.Id),
            ("submitted_at", true) => entries.OrderByDescending(q => q.SubmittedAt).ThenByDescending(q => q.Id),
            (_, false) => entries.OrderBy(q => q.DueAt).ThenBy(q => q.Id),
            (_, true) => entries.OrderByDescending(q => q.DueAt).ThenByDescending(q => q.Id),
        };

    /// <summary>
    /// Entries holding every token of at least one set (a query's terms under each configured lookup
    /// key, <see cref="LookupKeys.SearchTokenSets"/>): <c>data -> 'searchTokens' @> '[...]'</c> once per
    /// set, joined with OR, each served by the GIN index on that member (<see cref="QueueProjection.Map"/>).
    /// </summary>
    private static Expression<Func<QueueEntry, bool>> HoldingEveryTokenOfOneSet(IReadOnlyList<string[]> tokenSets)
    {
        Expression<Func<QueueEntry, bool>> shape = q => q.SearchTokens.IsSupersetOf(tokenSets[0]);
        var isSupersetOf = ((MethodCallExpression)shape.Body).Method;
        var entry = shape.Parameters[0];
        var tokens = Expression.Property(entry, nameof(QueueEntry.SearchTokens));
        var body = tokenSets
            .Select(set => (Expression)Expression.Call(isSupersetOf, tokens, Expression.Constant(set)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<QueueEntry, bool>>(body, entry);
    }
}
