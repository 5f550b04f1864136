using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Auditing;

namespace SupportPlatform.Agent.Pages.Admin;

public sealed class AuditModel(AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Inquiry { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Entries = await audit.LatestAsync(200, Inquiry, cancellationToken);
}
