using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.AccessRecords;
using SupportPlatform.Agent.AccessRecords.Recording;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Http;
using SupportPlatform.Agent.Staff;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.ServiceDefaults.Clients;

namespace SupportPlatform.Agent.Pages;

/// <summary>
/// The queue: filters and sort go to Inquiry's queue API unchanged. Pages are walked by the API's
/// cursors (<c>after</c>, <c>before</c>); <c>p</c> is only the page number shown, carried along by the links.
/// </summary>
public sealed class IndexModel(InquiryClient inquiries, StaffAccounts staff, AccessLog access, TimeProvider time) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary><c>me</c>, <c>none</c>, a staff id, or empty for everyone.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Assignee { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? WaitingOn { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? OlderThanDays { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Priority { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public QueuePage? Queue { get; private set; }

    public ServiceProblem? Problem { get; private set; }

    public IReadOnlyList<StaffMember> Assignable { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(StaffRoles.Agent) && !User.IsInRole(StaffRoles.Admin))
        {
            return User.IsInRole(StaffRoles.Compliance) ? LocalRedirect("/compliance/report") : Forbid();
        }

        Now = time.GetUtcNow();
        Assignable = await staff.AssignableAsync();
        var assignee = Assignee == "me" ? User.StaffId().ToString() : Assignee;
        var result = await inquiries.ListQueueAsync(
            new QueueQuery(Status, Q, assignee, WaitingOn, OlderThanDays, Sort, PageSize, Priority, After, Before),
            cancellationToken);
        Queue = result.Value;
        Problem = result.Problem;
        if (Queue is { Items.Count: > 0 } shown)
        {
            // The rows show each inquiry's summary, the customer's own words: a list is an access too.
            await access.RecordAsync(HttpContext, AccessActions.InquiriesListed, recordCount: shown.Items.Count, cancellationToken: cancellationToken);
        }

        return Page();
    }

    /// <summary>The page shown now, never below 1 (a link may be edited by hand).</summary>
    public int ShownPage => Math.Max(1, PageNumber);

    /// <summary>The page that follows this one.</summary>
    public string NextLink(string next) => PageLink(ShownPage + 1, ("after", next));

    /// <summary>The page before this one: the first page itself when that is where it leads.</summary>
    public string PreviousLink(string previous) => ShownPage <= 2 ? PageLink(1) : PageLink(ShownPage - 1, ("before", previous));

    private string PageLink(int page, params (string Name, string? Value)[] cursor) => "/?" + string.Join('&', new (string Name, string? Value)[]
        {
            ("status", Status), ("q", Q), ("assignee", Assignee), ("waitingOn", WaitingOn),
            ("olderThanDays", OlderThanDays?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("sort", Sort), ("priority", Priority),
            ("p", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
        }.Concat(cursor).Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
}
