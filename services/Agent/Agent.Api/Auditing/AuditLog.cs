using Microsoft.EntityFrameworkCore;
using SupportPlatform.Agent.Staff;

namespace SupportPlatform.Agent.Auditing;

/// <summary>
/// One staff action: who (staff id), what (a fixed action name), which inquiry, when, and a
/// subject that is never personal data (an article slug, a staff id, a run's counts).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid StaffId { get; set; }

    public string Action { get; set; } = "";

    public Guid? InquiryId { get; set; }

    public string? Subject { get; set; }

    public string? Outcome { get; set; }
}

/// <summary>
/// The audit log of staff actions. Callers pass identifiers only: the signature has no place for
/// an email address, a customer's name or any text of an inquiry.
/// </summary>
public sealed class AuditLog(IDbContextFactory<StaffDbContext> contexts, TimeProvider time)
{
    public async Task RecordAsync(Guid staffId, string action, Guid? inquiryId = null, string? subject = null, string? outcome = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            StaffId = staffId,
            Action = action,
            InquiryId = inquiryId,
            Subject = subject,
            Outcome = outcome,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(int count, Guid? inquiryId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AuditLog.AsNoTracking();
        if (inquiryId is { } id)
        {
            query = query.Where(e => e.InquiryId == id);
        }

        return await query.OrderByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken);
    }
}
