using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SupportPlatform.Agent.Auditing;

namespace SupportPlatform.Agent.Staff;

/// <summary>Staff accounts and the audit log, in the Agent service's own schema.</summary>
public sealed class StaffDbContext(DbContextOptions<StaffDbContext> options)
    : IdentityDbContext<StaffMember, IdentityRole<Guid>, Guid>(options)
{
    public const string Schema = "agent";

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.Entity<StaffMember>(member =>
        {
            member.Property(m => m.DisplayName).HasMaxLength(100);
        });
        builder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_log");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).UseIdentityAlwaysColumn();
            entry.Property(e => e.Action).HasMaxLength(64);
            entry.Property(e => e.Subject).HasMaxLength(200);
            entry.Property(e => e.Outcome).HasMaxLength(64);
            entry.HasIndex(e => e.At);
            entry.HasIndex(e => e.InquiryId);
        });
    }
}
