using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.AccessRecords;
using SupportPlatform.Agent.AccessRecords.Recording;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Staff;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.ServiceDefaults.Clients;

namespace SupportPlatform.Agent.Pages.Inquiries;

/// <summary>
/// 이전 문의 검색: the words of past inquiries' summaries, details, replies and notes, searched in
/// Inquiry's index of keyed hashes (issue 25), to find how a similar case was solved. The query goes
/// to Inquiry unchanged, so its field errors are the page's.
/// </summary>
public sealed class SearchModel(InquiryClient inquiries, AccessLog access) : PageModel
{
    public const int Limit = 30;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public MessageSearchResults? Results { get; private set; }

    public ServiceProblem? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(StaffRoles.Agent) && !User.IsInRole(StaffRoles.Admin))
        {
            return Forbid();
        }

        if (Q is null)
        {
            return Page();
        }

        var result = await inquiries.SearchMessagesAsync(Q, Limit, cancellationToken);
        Results = result.Value;
        Problem = result.Problem;
        if (Results is { Items.Count: > 0 } shown)
        {
            // The rows show each inquiry's summary, as the queue's do: a list is an access too.
            await access.RecordAsync(HttpContext, AccessActions.InquiriesListed, recordCount: shown.Items.Count, cancellationToken: cancellationToken);
        }

        return Page();
    }
}
