using Marten;
using SupportPlatform.Inquiry.Inquiries.Queueing;

namespace SupportPlatform.Inquiry.AccessRequests;

/// <summary>Every inquiry of one data subject, found by the keyed hashes of their address (under every configured lookup key) in the queue read model.</summary>
public static class SubjectInquiries
{
    public static async Task<IReadOnlyList<Guid>> FindAsync(IDocumentStore store, string[] emailHashes, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return [.. await session.Query<QueueEntry>().Where(q => q.EmailHash.IsOneOf(emailHashes)).OrderBy(q => q.Id).Select(q => q.Id).ToListAsync(cancellationToken)];
    }
}
