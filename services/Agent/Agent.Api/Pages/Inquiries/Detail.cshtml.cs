using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.AccessRecords;
using SupportPlatform.Agent.AccessRecords.Recording;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Http;
using SupportPlatform.Agent.SavedReplies.Rendering;
using SupportPlatform.Agent.SavedReplies.Searching;
using SupportPlatform.Agent.SavedReplies.Storing;
using SupportPlatform.Agent.Staff;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.Notification.Contracts;
using SupportPlatform.ServiceDefaults.Clients;
using SupportPlatform.ServiceDefaults.Rendering;

namespace SupportPlatform.Agent.Pages.Inquiries;

/// <summary>What the form last showed, so a refused change can say what happened since.</summary>
public sealed record SeenState(long Version, int Messages, int Notes, string? Status, Guid? AssigneeId);

/// <summary>What changed between the version an agent saw and the current one (for the 412 screen).</summary>
public sealed record ConflictView(IReadOnlyList<MessageView> NewMessages, IReadOnlyList<NoteView> NewNotes, string? StatusBefore, string StatusNow, string? AssigneeBefore, string? AssigneeNow);

/// <summary>
/// One inquiry: the thread, the customer, suggested articles, email deliveries and attachments, and
/// every agent action. Each change carries the version the agent saw (If-Match); when someone else
/// changed the inquiry first, the page shows what changed and keeps what the agent wrote.
/// </summary>
public sealed class DetailModel(
    InquiryClient inquiries, KnowledgeClient knowledge, NotificationClient notifications, StaffAccounts staff, AuditLog audit, AccessLog access, DeskLinks links, SavedReplyStore savedReplies) : PageModel
{
    public const int MaxBody = 20_000;

    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? NoteBody { get; set; }

    [BindProperty]
    public long Version { get; set; }

    [BindProperty]
    public int SeenMessages { get; set; }

    [BindProperty]
    public int SeenNotes { get; set; }

    [BindProperty]
    public string? SeenStatus { get; set; }

    [BindProperty]
    public Guid? SeenAssignee { get; set; }

    [BindProperty]
    public Guid? AssigneeId { get; set; }

    [BindProperty]
    public string? SavedQuery { get; set; }

    /// <summary>The saved replies the reply box found (null: no search asked for).</summary>
    public IReadOnlyList<SavedReply>? SavedMatches { get; private set; }

    /// <summary>The variables of an inserted saved reply that had no value and stay as <c>{{name}}</c>.</summary>
    public IReadOnlyList<string> Unfilled { get; private set; } = [];

    /// <summary>What the agent searches the articles for, to put one into the reply (it need not be a suggestion).</summary>
    [BindProperty]
    public string? ArticleQuery { get; set; }

    public const int MaxArticleQuery = 100;

    public IReadOnlyList<StaffArticleSummary>? ArticleMatches { get; private set; }

    [BindProperty]
    public string? Priority { get; set; }

    [BindProperty]
    public string? Category { get; set; }

    /// <summary>Knowledge's categories, offered for filing.</summary>
    public IReadOnlyList<CategoryView> Categories { get; private set; } = [];

    /// <summary>
    /// While the inquiry has no category: the category of the top suggested article, preselected and
    /// marked as a guess until an agent saves it.
    /// </summary>
    public string? CategoryGuess { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public InquiryView? Inquiry { get; private set; }

    public IReadOnlyList<SuggestionView> Suggestions { get; private set; } = [];

    /// <summary>비슷한 이전 문의: number, status, date and match count only (null: Inquiry could not say).</summary>
    public MessageSearchResults? Similar { get; private set; }

    public DeliveryLog? Deliveries { get; private set; }

    public bool DeliveriesUnavailable { get; private set; }

    public IReadOnlyList<StaffMember> Assignable { get; private set; } = [];

    public string? PreviewHtml { get; private set; }

    public ConflictView? Conflict { get; private set; }

    public string? Error { get; private set; }

    public DeskLinks Links => links;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostReplyAsync(string? intent, string? insert, Guid? savedReply, CancellationToken cancellationToken)
    {
        if (savedReply is { } replyId)
        {
            return await InsertSavedReplyAsync(replyId, cancellationToken);
        }

        if (intent == "find-replies")
        {
            var query = SavedQuery is { Length: > SearchSavedReplies.MaxQuery } ? SavedQuery[..SearchSavedReplies.MaxQuery] : SavedQuery;
            SavedMatches = SearchSavedReplies.Filter(await savedReplies.VisibleToAsync(User.StaffId(), cancellationToken), query);
            return await ShowAsync(cancellationToken, keepForm: true);
        }

        if (intent == "find-articles")
        {
            var query = ArticleQuery is { Length: > MaxArticleQuery } ? ArticleQuery[..MaxArticleQuery] : ArticleQuery;
            ArticleMatches = string.IsNullOrWhiteSpace(query) ? [] : (await knowledge.SearchArticlesAsync(query, cancellationToken)).Value ?? [];
            return await ShowAsync(cancellationToken, keepForm: true);
        }

        if (insert is { Length: > 0 } slug)
        {
            var suggestions = await knowledge.SuggestionsAsync(Id, cancellationToken);
            // A searched article is no suggestion: its title comes from Knowledge.
            var title = suggestions.Value?.FirstOrDefault(s => s.Slug == slug)?.Title
                ?? (await knowledge.ArticleAsync(slug, cancellationToken)).Value?.Title
                ?? slug;
            Body = AppendLink(Body, title, links.Article(slug));
            // The strongest evidence of what the summary means; learning is a help, so a refusal costs the agent nothing.
            await knowledge.ArticleUsedAsync(Id, slug, cancellationToken);
            ModelState.Remove(nameof(Body));
            return await ShowAsync(cancellationToken, keepForm: true);
        }

        if (intent == "preview")
        {
            // The email's own rendering: the agent sees what the customer will get.
            PreviewHtml = SafeMarkdown.ToHtml(Body, MarkdownProfile.Email);
            return await ShowAsync(cancellationToken, keepForm: true);
        }

        if (string.IsNullOrWhiteSpace(Body) || Body.Length > MaxBody)
        {
            Error = $"답변 내용을 입력하세요 ({MaxBody:N0}자 이하). (Write a reply of at most {MaxBody:N0} characters.)";
            return await ShowAsync(cancellationToken, keepForm: true);
        }

        if (ReplyTemplate.Placeholders(Body) is { Count: > 0 } unfilled)
        {
            Unfilled = unfilled;
            Error = $"채워지지 않은 변수가 있어 보내지 않았습니다: {string.Join(", ", unfilled.Select(ReplyVariables.Token))}. 직접 채운 뒤 보내세요. (Fill in the variables before sending.)";
            return await ShowAsync(cancellationToken, keepForm: true);
        }

        var result = await inquiries.ReplyAsync(Id, Version, Body, cancellationToken);
        return await AfterCommandAsync("reply", result, "답변을 보냈습니다. (Reply sent.)", cancellationToken);
    }

    public async Task<IActionResult> OnPostNoteAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(NoteBody) || NoteBody.Length > MaxBody)
        {
            Error = "메모 내용을 입력하세요. (Write a note.)";
            return await ShowAsync(cancellationToken, keepForm: true);
        }

        var result = await inquiries.NoteAsync(Id, Version, NoteBody, cancellationToken);
        return await AfterCommandAsync("note", result, "내부 메모를 남겼습니다. (Internal note added.)", cancellationToken);
    }

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken)
    {
        string? name = null;
        if (AssigneeId is { } assigneeId && assigneeId != User.StaffId())
        {
            var member = (await staff.AssignableAsync()).FirstOrDefault(m => m.Id == assigneeId);
            if (member is null)
            {
                Error = "배정할 수 없는 직원입니다. (That member cannot be assigned.)";
                return await ShowAsync(cancellationToken, keepForm: true);
            }

            name = member.DisplayName;
        }

        var result = await inquiries.AssignAsync(Id, Version, name is null ? null : AssigneeId, name, cancellationToken);
        return await AfterCommandAsync("assign", result, "담당자를 지정했습니다. (Assigned.)", cancellationToken, subject: (name is null ? User.StaffId() : AssigneeId)?.ToString());
    }

    public async Task<IActionResult> OnPostPriorityAsync(CancellationToken cancellationToken)
    {
        if (Priority is null || !Display.Priorities.Contains(Priority))
        {
            Error = "우선순위를 고르세요. (Choose a priority.)";
            return await ShowAsync(cancellationToken, keepForm: true);
        }

        var result = await inquiries.PrioritiseAsync(Id, Version, Priority, cancellationToken);
        return await AfterCommandAsync("priority", result, "우선순위를 바꿨습니다. (Priority set.)", cancellationToken, subject: Priority);
    }

    public async Task<IActionResult> OnPostCategoryAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Category))
        {
            Error = "분류를 고르세요. (Choose a category.)";
            return await ShowAsync(cancellationToken, keepForm: true);
        }

        var result = await inquiries.CategoriseAsync(Id, Version, Category, cancellationToken);
        return await AfterCommandAsync("category", result, "분류를 저장했습니다. (Category saved.)", cancellationToken, subject: Category);
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken) =>
        await AfterCommandAsync("close", await inquiries.CloseAsync(Id, Version, cancellationToken), "문의를 종료했습니다. (Closed.)", cancellationToken);

    public async Task<IActionResult> OnPostHeldEmailAsync(Guid heldEmailId, bool accept, CancellationToken cancellationToken) =>
        await AfterCommandAsync(
            accept ? "held-email.accept" : "held-email.discard",
            await inquiries.ResolveHeldEmailAsync(Id, Version, heldEmailId, accept, cancellationToken),
            accept ? "메일을 고객 메시지로 추가했습니다. (Accepted as the customer's message.)" : "메일을 버렸습니다. (Discarded.)",
            cancellationToken,
            subject: heldEmailId.ToString());

    public async Task<IActionResult> OnPostReopenAsync(CancellationToken cancellationToken) =>
        await AfterCommandAsync("reopen", await inquiries.ReopenAsync(Id, Version, cancellationToken), "문의를 다시 열었습니다. (Reopened.)", cancellationToken);

    /// <summary>
    /// Appends a saved reply, its variables filled from the inquiry as it is now. The values are read
    /// here, at insertion, and go only into the agent's text box: the template never holds them.
    /// </summary>
    private async Task<IActionResult> InsertSavedReplyAsync(Guid replyId, CancellationToken cancellationToken)
    {
        var template = await savedReplies.FindAsync(replyId, User.StaffId(), cancellationToken);
        var shown = await ShowAsync(cancellationToken, keepForm: true);
        if (template is null)
        {
            Error = "저장된 답변을 찾을 수 없습니다. (That saved reply no longer exists.)";
            return shown;
        }

        if (Inquiry is { } inquiry)
        {
            var rendered = ReplyTemplate.Render(template.Body, new Dictionary<string, string?>
            {
                [ReplyVariables.Company] = inquiry.CompanyName,
                [ReplyVariables.InquiryNumber] = inquiry.InquiryId.ToString(),
                [ReplyVariables.Assignee] = inquiry.Assignee?.Name,
                [ReplyVariables.LoungeLink] = links.MyInquiries(),
            });
            Body = string.IsNullOrWhiteSpace(Body) ? rendered.Text : Body.TrimEnd() + "\n\n" + rendered.Text;
            Unfilled = rendered.Unfilled;
            ModelState.Remove(nameof(Body));
            await audit.RecordAsync(User.StaffId(), "saved-reply.insert", Id, replyId.ToString(), "ok", cancellationToken);
        }

        return shown;
    }

    /// <summary>Streams an attachment through the desk, so the browser never needs a service token.</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid attachmentId, CancellationToken cancellationToken)
    {
        var response = await inquiries.DownloadAsync(Id, attachmentId, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            return NotFound();
        }

        HttpContext.Response.RegisterForDispose(response);
        await access.RecordAsync(HttpContext, AccessActions.AttachmentDownloaded, Id, attachmentId, cancellationToken: cancellationToken);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        var fileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "attachment";
        return File(stream, contentType, fileName);
    }

    private async Task<IActionResult> AfterCommandAsync(string action, ServiceResult<CommandAccepted> result, string done, CancellationToken cancellationToken, string? subject = null)
    {
        if (result.Succeeded)
        {
            await audit.RecordAsync(User.StaffId(), "inquiry." + action, Id, subject, "ok", cancellationToken);
            Done = done;
            return Redirect($"/inquiries/{Id}");
        }

        await audit.RecordAsync(User.StaffId(), "inquiry." + action, Id, subject, ((int)result.Status).ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        if (result.Status == HttpStatusCode.NotFound)
        {
            return NotFound();
        }

        var seen = new SeenState(Version, SeenMessages, SeenNotes, SeenStatus, SeenAssignee);
        if (result.Status != HttpStatusCode.PreconditionFailed)
        {
            Error = result.Problem!.Message;
            return await ShowAsync(cancellationToken, keepForm: true);
        }

        var shown = await ShowAsync(cancellationToken, keepForm: true);
        if (Inquiry is { } now)
        {
            Conflict = Compare(seen, now, Assignable);
        }

        return shown;
    }

    private static ConflictView Compare(SeenState seen, InquiryView now, IReadOnlyList<StaffMember> staff) => new(
        [.. now.Messages.Skip(seen.Messages)],
        [.. (now.Notes ?? []).Skip(seen.Notes)],
        seen.Status == now.Status ? null : seen.Status,
        now.Status,
        seen.AssigneeId == now.Assignee?.Id ? null : seen.AssigneeId is { } before ? staff.FirstOrDefault(m => m.Id == before)?.DisplayName ?? "—" : "—",
        seen.AssigneeId == now.Assignee?.Id ? null : now.Assignee?.Name ?? "—");

    /// <summary>
    /// Loads everything the page shows, side by side, and records the view (one access record per
    /// page that shows the inquiry, whichever handler rendered it, and one per held email it shows). <paramref name="keepForm"/> keeps the agent's
    /// text but moves the version (and what was seen) to the current state, so sending again works.
    /// </summary>
    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken, bool keepForm = false)
    {
        var inquiryTask = inquiries.GetAsync(Id, cancellationToken);
        var suggestionsTask = knowledge.SuggestionsAsync(Id, cancellationToken);
        var similarTask = inquiries.SimilarAsync(Id, 5, cancellationToken);
        var deliveriesTask = notifications.DeliveriesAsync(Id, cancellationToken);
        var assignableTask = staff.AssignableAsync();
        var categoriesTask = knowledge.CategoriesAsync(cancellationToken);
        var inquiry = await inquiryTask;
        if (inquiry.Status == HttpStatusCode.NotFound)
        {
            return NotFound();
        }

        if (!inquiry.Succeeded)
        {
            Error = inquiry.Problem!.Message;
            return Page();
        }

        await access.RecordAsync(HttpContext, AccessActions.InquiryViewed, Id, cancellationToken: cancellationToken);
        // A held email may be a stranger's (its sender did not match the customer): each one shown is an access of its own.
        foreach (var held in inquiry.Value!.HeldEmails ?? [])
        {
            await access.RecordAsync(HttpContext, AccessActions.HeldEmailViewed, Id, held.Id, cancellationToken: cancellationToken);
        }

        Inquiry = inquiry.Value!;
        Suggestions = (await suggestionsTask).Value ?? [];
        Similar = (await similarTask).Value;
        var deliveries = await deliveriesTask;
        Deliveries = deliveries.Value;
        DeliveriesUnavailable = !deliveries.Succeeded;
        Assignable = await assignableTask;
        Categories = (await categoriesTask).Value ?? [];
        if (Inquiry.Category is null && Suggestions.Count > 0)
        {
            CategoryGuess = (await knowledge.ArticleAsync(Suggestions[0].Slug, cancellationToken)).Value?.Category.Slug;
        }

        Version = Inquiry.Version;
        SeenMessages = Inquiry.Messages.Count;
        SeenNotes = Inquiry.Notes?.Count ?? 0;
        SeenStatus = Inquiry.Status;
        SeenAssignee = Inquiry.Assignee?.Id;
        Priority = Inquiry.Priority;
        Category = Inquiry.Category ?? CategoryGuess;
        foreach (var field in new[] { nameof(Version), nameof(SeenMessages), nameof(SeenNotes), nameof(SeenStatus), nameof(SeenAssignee), nameof(Priority), nameof(Category) })
        {
            ModelState.Remove(field);
        }

        if (!keepForm)
        {
            Body = null;
            NoteBody = null;
        }

        return Page();
    }

    /// <summary>A Markdown link to an article, appended on its own line to what the agent has written.</summary>
    private static string AppendLink(string? body, string title, string url)
    {
        var link = $"[{title.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal)}]({url})";
        return string.IsNullOrWhiteSpace(body) ? link : body.TrimEnd() + "\n\n" + link;
    }
}
