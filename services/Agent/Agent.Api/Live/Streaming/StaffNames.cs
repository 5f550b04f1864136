using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SupportPlatform.Agent.Staff;

namespace SupportPlatform.Agent.Live.Streaming;

/// <summary>
/// Display names for the staff ids presence carries, from this replica's staff table. Kept for the
/// process's life: a renamed member shows the old name on colleagues' pages until the desk restarts,
/// which costs less than a query per presence change.
/// </summary>
public sealed class StaffNames(IDbContextFactory<StaffDbContext> contexts)
{
    private readonly ConcurrentDictionary<Guid, string> names = new();

    public async Task<IReadOnlyDictionary<Guid, string>> ForAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var missing = ids.Where(id => !names.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            foreach (var member in await db.Users.AsNoTracking().Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
            {
                names[member.Id] = member.DisplayName;
            }
        }

        return ids.ToDictionary(id => id, id => names.GetValueOrDefault(id, "동료 (a colleague)"));
    }
}
