using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Http;
using SupportPlatform.Agent.SavedReplies.Searching;
using SupportPlatform.Agent.SavedReplies.Storing;

namespace SupportPlatform.Agent.Pages.Replies;

/// <summary>The saved replies a member can use: their own and the team's, searchable by Korean prefix.</summary>
public sealed class IndexModel(SavedReplyStore store) : PageModel
{
    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    [TempData]
    public string? Done { get; set; }

    public IReadOnlyList<SavedReply> Personal { get; private set; } = [];

    public IReadOnlyList<SavedReply> Team { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = Query is { Length: > SearchSavedReplies.MaxQuery } ? Query[..SearchSavedReplies.MaxQuery] : Query;
        var visible = (await store.VisibleToAsync(User.StaffId(), cancellationToken)).Where(r => KoreanPrefix.Matches(r.Title, query ?? "")).ToList();
        Personal = [.. visible.Where(r => !r.IsTeam)];
        Team = [.. visible.Where(r => r.IsTeam)];
    }
}
