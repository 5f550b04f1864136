using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Http;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.ServiceDefaults.Rendering;

namespace SupportPlatform.Agent.Pages.Articles;

/// <summary>
/// Writing a new article (Knowledge's staff create endpoint): revision 1, a draft unless published
/// at once. Knowledge validates; its per-field problem details are shown beside each field, and
/// the text typed is kept.
/// </summary>
public sealed class NewModel(KnowledgeClient knowledge, AuditLog audit) : PageModel
{
    /// <summary>The form's fields by the names Knowledge's problem details use for them.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldsByApiName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["slug"] = nameof(Slug),
        ["title"] = nameof(Title),
        ["category"] = nameof(Category),
        ["products"] = nameof(Products),
        ["body"] = nameof(Body),
        ["publish"] = nameof(Publish),
    };

    [BindProperty]
    public string? Slug { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public string? Products { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public bool Publish { get; set; }

    public IReadOnlyList<CategoryView> Categories { get; private set; } = [];

    public string? PreviewHtml { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadCategoriesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? intent, CancellationToken cancellationToken)
    {
        if (intent == "preview")
        {
            PreviewHtml = SafeMarkdown.ToHtml(Body, MarkdownProfile.Article);
            await LoadCategoriesAsync(cancellationToken);
            return Page();
        }

        var slug = Slug?.Trim() ?? "";
        var products = (Products ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await knowledge.CreateAsync(slug, Title ?? "", Category ?? "", products, Body ?? "", Publish, cancellationToken);
        await audit.RecordAsync(User.StaffId(), "article.create", subject: slug, outcome: ((int)result.Status).ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        if (result.Value is { } created)
        {
            return Redirect($"/articles/{Uri.EscapeDataString(created.Slug)}/edit?created=true");
        }

        // Every field error goes beside its field; what names no field of the form goes on top.
        var unplaced = new List<string>();
        foreach (var (field, messages) in result.Problem?.Errors ?? new Dictionary<string, string[]>())
        {
            foreach (var message in messages)
            {
                if (FieldsByApiName.TryGetValue(field, out var property))
                {
                    ModelState.AddModelError(property, message);
                }
                else
                {
                    unplaced.Add(message);
                }
            }
        }

        Error = ModelState.ErrorCount > 0 && unplaced.Count == 0
            ? "입력한 내용을 확인해 주세요. (Please check the fields marked below.)"
            : string.Join(" ", unplaced.DefaultIfEmpty(result.Problem?.Message ?? ""));
        await LoadCategoriesAsync(cancellationToken);
        return Page();
    }

    /// <summary>The error message of a field, if Knowledge reported one.</summary>
    public string? FieldError(string property) =>
        ModelState.TryGetValue(property, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;

    private async Task LoadCategoriesAsync(CancellationToken cancellationToken)
    {
        var categories = await knowledge.CategoriesAsync(cancellationToken);
        Categories = categories.Value ?? [];
        if (categories.Problem is { } problem)
        {
            Error ??= problem.Message;
        }
    }
}
