using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Lounge.Apis;

namespace SupportPlatform.Lounge.Pages;

public sealed class SearchModel(KnowledgeApi knowledge) : PageModel
{
    public const int MaxQuery = 200;

    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    public ArticlePage? Results { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync([FromQuery] int? page, CancellationToken cancellationToken)
    {
        Query = Query?.Trim();
        if (string.IsNullOrEmpty(Query))
        {
            return;
        }

        if (Query.Length > MaxQuery)
        {
            Error = $"검색어는 {MaxQuery}자까지 입력할 수 있습니다.";
            return;
        }

        var result = await knowledge.ArticlesAsync(null, Query, Math.Clamp(page ?? 1, 1, 500), cancellationToken);
        Results = result.Value;
        Error = result.Succeeded ? null : "검색하지 못했습니다. 잠시 후 다시 시도해 주세요.";
    }
}
