using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Marten;
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
/// -submitted, due (the next SLA due time first; rows with nothing running last).
/// </summary>
public static class ListQueue
{
    private static readonly string[] Statuses = ["open", "answered", "waiting", "closed"];
    private static readonly string[] WaitingOnValues = ["customer", "agent"];

    private static readonly string[] SortOrders = ["activity", "-activity", "submitted", "-submitted", "due"];

    public static RouteGroupBuilder MapQueue(this RouteGroupBuilder agent)
    {
        agent.MapGet("/", Handle)
            .WithName("ListInquiries")
            .WithSummary("The queue, oldest activity first: filter by status (open, answered, waiting, closed), assignee (staff id or none), waitingOn (customer, agent), olderThanDays, priority (low, normal, high, urgent) and q (email, id, or words of the summary or company); sort by activity, -activity, submitted, -submitted, due (next SLA due time first); page from 1, pageSize ≤ 100. Each row carries its next due time and its standing now (on-time, due-soon, breached).");
        return agent;
    }

    private static async Task<Results<Ok<QueuePage>, ValidationProblem>> Handle(
        string? status, string? q, int? page, int? pageSize, string? assignee, string? waitingOn, int? olderThanDays, string? sort, string? priority,
        IDocumentStore store, PersonalDataKeys keys, DataKeyStore dataKeys, SlaRules rules, TimeProvider time, ApiReads reads, HttpContext http,
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

        var sortOrder = sort?.Trim() is { Length: > 0 } given ? given : "activity";
        if (!SortOrders.Contains(sortOrder))
        {
            errors.Add("sort", "One of activity, -activity, submitted, -submitted, due.");
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

        // The offset in long: page × size may pass int.MaxValue, and a page past the end is empty, not an error.
        var total = await entries.LongCountAsync(cancellationToken);
        var offset = (long)(pageNumber - 1) * size;
        IReadOnlyList<QueueEntry> pageOfEntries = offset >= Math.Min(total, int.MaxValue)
            ? []
            : await Sorted(entries, sortOrder).Skip((int)offset).Take(size).ToListAsync(cancellationToken);
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

        return TypedResults.Ok(new QueuePage(items, pageNumber, size, total));
    }

    /// <summary>The standing of the target due next; none while nothing runs.</summary>
    private static string? DueStanding(QueueEntry entry, SlaRules rules, DateTimeOffset now) =>
        entry.Sla?.Targets.Where(t => t.IsRunning).OrderBy(t => t.DueAt).FirstOrDefault() is { } next
            ? ServiceLevelViews.StandingName(next.StandingAt(now, rules.Calendar))
            : null;

    /// <summary>Every order ends on the id, so equal timestamps still page without overlap.</summary>
    private static IQueryable<QueueEntry> Sorted(IQueryable<QueueEntry> entries, string sortOrder) => sortOrder switch
    {
        // PostgreSQL puts nulls last in ascending order: inquiries with nothing running come after every due one.
        "due" => entries.OrderBy(q => q.DueAt).ThenBy(q => q.Id),
        "-activity" => entries.OrderByDescending(q => q.LastActivityAt).ThenByDescending(q => q.Id),
        "submitted" => entries.OrderBy(q => q.SubmittedAt).ThenBy(q => q.Id),
        "-submitted" => entries.OrderByDescending(q => q.SubmittedAt).ThenByDescending(q => q.Id),
        _ => entries.OrderBy(q => q.LastActivityAt).ThenBy(q => q.Id),
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
