using Marten;
using SupportPlatform.Inquiry.Inquiries.Queueing;

namespace SupportPlatform.Inquiry.AccessRequests;

/// <summary>Every inquiry of one data subject, found by the keyed hash of their address in the queue read model.</summary>
public static class SubjectInquiries
{
    public static async Task<IReadOnlyList<Guid>> FindAsync(IDocumentStore store, string emailHash, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return [.. await session.Query<QueueEntry>().Where(q => q.EmailHash == emailHash).OrderBy(q => q.Id).Select(q => q.Id).ToListAsync(cancellationToken)];
    }
}
