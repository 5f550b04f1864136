using Microsoft.AspNetCore.Identity;

namespace SupportPlatform.Agent.Staff;

/// <summary>A member of staff: an Identity user with the name agents and customers see on replies.</summary>
public sealed class StaffMember : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled member can neither sign in nor get a token; their past actions stay attributed.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
