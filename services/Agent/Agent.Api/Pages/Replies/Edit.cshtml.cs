using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Http;
using SupportPlatform.Agent.SavedReplies.Rendering;
using SupportPlatform.Agent.SavedReplies.Storing;
using SupportPlatform.ServiceDefaults.Http;
using SupportPlatform.ServiceDefaults.Rendering;

namespace SupportPlatform.Agent.Pages.Replies;

/// <summary>
/// Writing a saved reply (<c>/replies/new</c>) or editing one (<c>/replies/{id}</c>): every save is
/// a revision. A colleague's save in between is refused with the text kept, as articles are.
/// </summary>
public sealed class EditModel(SavedReplyStore store, AuditLog audit) : PageModel
{
    public const int MaxTitle = 100;
    public const int MaxBody = 20_000;

    [FromRoute]
    public Guid? Id { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public bool Personal { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    [TempData]
    public string? Done { get; set; }

    public string? Error { get; private set; }

    public string? PreviewHtml { get; private set; }

    public bool IsNew => Id is null;

    public IReadOnlyList<SavedReplyRevision> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is not { } id)
        {
            return Page();
        }

        if (await store.FindAsync(id, User.StaffId(), cancellationToken) is not { } reply)
        {
            return NotFound();
        }

        Title = reply.Title;
        Body = reply.Body;
        Personal = !reply.IsTeam;
        Revision = reply.Revision;
        Revisions = await store.RevisionsAsync(id, User.StaffId(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? intent, CancellationToken cancellationToken)
    {
        var me = User.StaffId();
        if (Id is { } existing && await store.FindAsync(existing, me, cancellationToken) is null)
        {
            return NotFound();
        }

        if (intent == "preview")
        {
            // Variables stay as {{name}} in the preview: which inquiry fills them is decided at insertion.
            PreviewHtml = SafeMarkdown.ToHtml(Body, MarkdownProfile.Email);
            return await ShowAsync(cancellationToken);
        }

        var (title, body) = Validate();
        if (!ModelState.IsValid)
        {
            return await ShowAsync(cancellationToken);
        }

        if (Id is not { } id)
        {
            var created = await store.CreateAsync(me, Personal, title!, body!, cancellationToken);
            await audit.RecordAsync(me, "saved-reply.create", subject: created.ToString(), outcome: "ok", cancellationToken: cancellationToken);
            Done = "저장된 답변을 만들었습니다. (Saved reply created.)";
            return Redirect($"/replies/{created}");
        }

        var outcome = await store.EditAsync(id, me, Revision, title!, body!, cancellationToken);
        await audit.RecordAsync(me, "saved-reply.edit", subject: id.ToString(), outcome: outcome.ToString().ToLowerInvariant(), cancellationToken: cancellationToken);
        switch (outcome)
        {
            case SaveOutcome.Saved:
                Done = $"새 개정으로 저장했습니다 (개정 {Revision + 1}). (Saved as revision {Revision + 1}.)";
                return Redirect($"/replies/{id}");
            case SaveOutcome.Stale:
                Error = "다른 사람이 먼저 저장했습니다. 이력에서 바뀐 내용을 확인하고 다시 저장하세요. 작성하던 내용은 그대로 있습니다. (Someone saved a newer revision; your text is kept.)";
                Revision = (await store.FindAsync(id, me, cancellationToken))?.Revision ?? Revision;
                ModelState.Remove(nameof(Revision));
                return await ShowAsync(cancellationToken);
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (Id is not { } id || !await store.DeleteAsync(id, User.StaffId(), cancellationToken))
        {
            return NotFound();
        }

        await audit.RecordAsync(User.StaffId(), "saved-reply.delete", subject: id.ToString(), outcome: "ok", cancellationToken: cancellationToken);
        Done = "저장된 답변을 지웠습니다. (Saved reply deleted.)";
        return Redirect("/replies");
    }

    public string? FieldError(string property) =>
        ModelState.TryGetValue(property, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    private (string? Title, string? Body) Validate()
    {
        var title = TextValues.Normalize(Title);
        var body = Body?.Trim();
        if (title is null || title.Length > MaxTitle || !StorableText.IsStorable(title))
        {
            ModelState.AddModelError(nameof(Title), $"제목을 {MaxTitle}자 이하로 입력하세요. (A title of at most {MaxTitle} characters.)");
        }

        if (string.IsNullOrEmpty(body) || body.Length > MaxBody || !StorableText.IsStorable(body))
        {
            ModelState.AddModelError(nameof(Body), $"본문을 {MaxBody:N0}자 이하로 입력하세요. (A body of at most {MaxBody:N0} characters.)");
        }
        else if (ReplyTemplate.UnknownVariables(body) is { Count: > 0 } unknown)
        {
            ModelState.AddModelError(nameof(Body),
                $"알 수 없는 변수: {string.Join(", ", unknown.Select(ReplyVariables.Token))}. 쓸 수 있는 변수는 {string.Join(", ", ReplyVariables.All.Select(ReplyVariables.Token))} 입니다. (Unknown variable.)");
        }

        return (title, body);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            Revisions = await store.RevisionsAsync(id, User.StaffId(), cancellationToken);
        }

        return Page();
    }
}
