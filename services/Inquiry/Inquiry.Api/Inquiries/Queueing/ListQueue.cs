using Microsoft.AspNetCore.Http.HttpResults;
using Marten;
using Marten.Pagination;
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
        IDocumentStore store, PersonalDataKeys keys, DataKeyStore dataKeys, CancellationToken cancellationToken)
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

        if (emailHash is not null)
        {
            entries = entries.Where(q => q.EmailHash == emailHash);
        }

        var pageOfEntries = await entries.OrderBy(q => q.LastActivityAt).ThenBy(q => q.Id).ToPagedListAsync(pageNumber, size, cancellationToken);
        var rows = pageOfEntries.Select(q => (Item: new QueueItem(q.Id, q.Status, q.WaitingOn, q.SubmittedAt, q.LastActivityAt, q.AssigneeId, q.AssigneeName, null, q.Version), SealedSummary: q.SealedSummary)).ToArray();
        var total = pageOfEntries.TotalItemCount;

        var found = await dataKeys.FindManyAsync([.. rows.Select(r => r.Item.InquiryId)], cancellationToken);
        var items = rows.Select(r => found.TryGetValue(r.Item.InquiryId, out var key)
            ? r.Item with { Summary = key.Open(r.Item.InquiryId, new Sealed(r.SealedSummary)) }
            : r.Item).ToArray();
        return TypedResults.Ok(new QueuePage(items, pageNumber, size, total));
    }
}
