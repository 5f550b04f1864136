namespace SupportPlatform.Inquiry.Inquiries.SearchingMessages;

/// <summary>
/// What the postings written and deleted in one transaction do to the per-term counts of inquiries
/// (one posting is one inquiry holding the term): the net change per term and key, without the
/// terms whose postings were deleted and written again (a re-index of the same text).
/// </summary>
public static class TermCountChanges
{
    public static IReadOnlyList<(long Term, string KeyId, int Change)> Of(
        IEnumerable<(long Term, string KeyId)> added, IEnumerable<(long Term, string KeyId)> removed)
    {
        var changes = new Dictionary<(long Term, string KeyId), int>();
        foreach (var posting in added)
        {
            changes[posting] = changes.GetValueOrDefault(posting) + 1;
        }

        foreach (var posting in removed)
        {
            changes[posting] = changes.GetValueOrDefault(posting) - 1;
        }

        return [.. changes
            .Where(c => c.Value != 0)
            .OrderBy(c => c.Key.Term)
            .ThenBy(c => c.Key.KeyId, StringComparer.Ordinal)
            .Select(c => (c.Key.Term, c.Key.KeyId, c.Value))];
    }
}
