using Marten;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.Retention.Purging;

namespace SupportPlatform.Inquiry.Retention.Erasing;

/// <summary>The outcome of one erasure request: how many inquiries the address had, how many are gone, and why the rest are not.</summary>
public sealed record ErasureResult(Guid RunId, int Found, int Erased, IReadOnlyList<NotPurged> NotErased);

/// <summary>
/// Purges every inquiry of one email address now, whatever its deadline, except those under a
/// legal hold. The address is looked up by its keyed hash only; it is neither stored nor logged.
/// </summary>
public sealed class Erasures(IDocumentStore store, PersonalDataKeys keys, ReadModelCatchUp catchUp, InquiryPurger purger, ILogger<Erasures> logger)
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(10);
    private const int Attempts = 3;

    /// <summary>The result, or null when the read model could not catch up with the log in time (nothing was erased then).</summary>
    public async Task<ErasureResult?> EraseAsync(string email, CancellationToken cancellationToken)
    {
        if (!await catchUp.WaitAsync(CatchUpTimeout, cancellationToken))
        {
            return null;
        }

        var ids = await FindAsync(keys.LookupKeys.EmailHashes(email), cancellationToken);
        var runId = Guid.CreateVersion7();
        var erased = 0;
        IReadOnlyList<NotPurged> left = [];
        IReadOnlyCollection<Guid> pending = ids;
        for (var attempt = 1; attempt <= Attempts && pending.Count > 0; attempt++)
        {
            var outcome = await purger.PurgeAsync(pending, PurgeReasons.ErasureRequest, runId, cancellationToken);
            erased += outcome.Purged.Count;
            left = outcome.NotPurged;

            // An inquiry that changed while we looked (a reply, a hold) is decided again once the read model has it.
            pending = [.. left.Where(n => n.Reason == PurgeEligibility.ChangedMeanwhile).Select(n => n.InquiryId)];
            if (pending.Count > 0 && !await catchUp.WaitAsync(CatchUpTimeout, cancellationToken))
            {
                break;
            }
        }

        logger.LogInformation("Erasure request {RunId}: {Erased} of {Found} inquiries purged, {NotErased} not erased", runId, erased, ids.Length, left.Count);
        return new ErasureResult(runId, ids.Length, erased, left);
    }

    private async Task<Guid[]> FindAsync(string[] emailHashes, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var ids = await session.Query<QueueEntry>().Where(q => q.EmailHash.IsOneOf(emailHashes)).OrderBy(q => q.Id).Select(q => q.Id).ToListAsync(cancellationToken);
        return [.. ids];
    }
}
