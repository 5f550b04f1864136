using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Http;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.ServiceDefaults.Rendering;

namespace SupportPlatform.Agent.Pages.Articles;

/// <summary>Editing an article: each save is a new revision; a newer revision saved meanwhile is shown, and the text kept.</summary>
public sealed class EditModel(KnowledgeClient knowledge, AuditLog audit) : PageModel
{
    [FromRoute]
    public string Slug { get; set; } = "";

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public string? Products { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    public IReadOnlyList<RevisionView> Revisions { get; private set; } = [];

    public string? PreviewHtml { get; private set; }

    public string? Done { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool created, CancellationToken cancellationToken)
    {
        if (created)
        {
            Done = "문서를 만들었습니다 (개정 1). 여기서 계속 편집할 수 있습니다. (Article created as revision 1.)";
        }

        var article = await knowledge.ArticleAsync(Slug, cancellationToken);
        if (article.Value is not { } current)
        {
            return NotFound();
        }

        Fill(current);
        await LoadRevisionsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? intent, CancellationToken cancellationToken)
    {
        if (intent == "preview")
        {
            PreviewHtml = SafeMarkdown.ToHtml(Body, MarkdownProfile.Article);
            await LoadRevisionsAsync(cancellationToken);
            return Page();
        }

        var products = (Products ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await knowledge.EditAsync(Slug, Revision, Title ?? "", Category ?? "", products, Body ?? "", cancellationToken);
        await audit.RecordAsync(User.StaffId(), "article.edit", subject: Slug, outcome: ((int)result.Status).ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        if (result.Value is { } saved)
        {
            ModelState.Clear();
            Fill(saved);
            Done = $"개정 {saved.Revision}으로 저장했습니다. (Saved as revision {saved.Revision}.)";
        }
        else if (result.Status == HttpStatusCode.PreconditionFailed)
        {
            var latest = await knowledge.ArticleAsync(Slug, cancellationToken);
            Revision = latest.Value?.Revision ?? Revision;
            ModelState.Remove(nameof(Revision));
            Error = $"다른 사람이 먼저 개정 {Revision}을 저장했습니다. 아래 개정 이력을 확인하고 다시 저장하세요; 작성한 내용은 그대로 있습니다. (Someone saved revision {Revision} first; your text is kept.)";
        }
        else
        {
            Error = result.Problem?.Message;
        }

        await LoadRevisionsAsync(cancellationToken);
        return Page();
    }

    private void Fill(ArticleView article)
    {
        Title = article.Title;
        Category = article.Category.Slug;
        Products = string.Join(", ", article.Products);
        Body = article.Markdown;
        Revision = article.Revision;
    }

    private async Task LoadRevisionsAsync(CancellationToken cancellationToken) =>
        Revisions = [.. ((await knowledge.RevisionsAsync(Slug, cancellationToken)).Value ?? []).OrderByDescending(r => r.Revision)];
}
