using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Knowledge.Contracts;

namespace SupportPlatform.Agent.Pages.Articles;

public sealed class IndexModel(KnowledgeClient knowledge) : PageModel
{
    public IReadOnlyList<StaffArticleSummary> Articles { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await knowledge.ArticlesAsync(cancellationToken);
        Articles = result.Value ?? [];
        Error = result.Problem?.Message;
    }
}
