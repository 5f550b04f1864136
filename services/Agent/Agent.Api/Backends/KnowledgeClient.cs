using System.Globalization;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.Notification.Contracts;
using SupportPlatform.ServiceDefaults.Clients;

namespace SupportPlatform.Agent.Backends;

public sealed class KnowledgeClient(HttpClient http) : BackendClient(http)
{
    public Task<ServiceResult<SuggestionView[]>> SuggestionsAsync(Guid inquiryId, CancellationToken cancellationToken) =>
        GetAsync<SuggestionView[]>($"/api/staff/inquiries/{inquiryId}/suggestions", cancellationToken);

    /// <summary>Tells Knowledge an article went into a reply to the inquiry: evidence for its learned terms (204).</summary>
    public Task<ServiceResult<object>> ArticleUsedAsync(Guid inquiryId, string slug, CancellationToken cancellationToken) =>
        PostAsync<object>($"/api/staff/inquiries/{inquiryId}/article-uses", new { slug }, null, cancellationToken);

    public Task<ServiceResult<StaffArticleSummary[]>> ArticlesAsync(CancellationToken cancellationToken) =>
        GetAsync<StaffArticleSummary[]>("/api/staff/articles", cancellationToken);

    /// <summary>The published articles Knowledge's search lists for <paramref name="query"/>, best first (at most ten).</summary>
    public Task<ServiceResult<StaffArticleSummary[]>> SearchArticlesAsync(string query, CancellationToken cancellationToken) =>
        GetAsync<StaffArticleSummary[]>($"/api/staff/articles?q={Uri.EscapeDataString(query)}", cancellationToken);

    public Task<ServiceResult<ArticleView>> ArticleAsync(string slug, CancellationToken cancellationToken) =>
        GetAsync<ArticleView>($"/api/staff/articles/{Uri.EscapeDataString(slug)}", cancellationToken);

    public Task<ServiceResult<RevisionView[]>> RevisionsAsync(string slug, CancellationToken cancellationToken) =>
        GetAsync<RevisionView[]>($"/api/staff/articles/{Uri.EscapeDataString(slug)}/revisions", cancellationToken);

    /// <summary>The categories an article may have (Knowledge's public list).</summary>
    public Task<ServiceResult<CategoryView[]>> CategoriesAsync(CancellationToken cancellationToken) =>
        GetAsync<CategoryView[]>("/api/categories", cancellationToken);

    /// <summary>The deflection funnel per article, as Knowledge computes it from its funnel events recorded on the Korean days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public Task<ServiceResult<DeflectionRow[]>> DeflectionReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        GetAsync<DeflectionRow[]>($"/api/staff/reports/deflection?{Period(from, to)}", cancellationToken);

    /// <summary>The inquiries submitted from <paramref name="from"/> to <paramref name="to"/> that no article answered well, newest first, one page of Knowledge's report.</summary>
    public Task<ServiceResult<KnowledgeGapPage>> KnowledgeGapsAsync(int page, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        GetAsync<KnowledgeGapPage>($"/api/staff/reports/knowledge-gaps?page={page.ToString(CultureInfo.InvariantCulture)}&{Period(from, to)}", cancellationToken);

    private static string Period(DateOnly from, DateOnly to) =>
        $"from={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>Creates an article as revision 1: a draft, or published at once. A taken slug → 409 with a <c>slug</c> field error.</summary>
    public Task<ServiceResult<ArticleView>> CreateAsync(string slug, string title, string category, string[] products, string body, bool publish, CancellationToken cancellationToken) =>
        PostAsync<ArticleView>("/api/staff/articles", new { slug, title, category, products, body, publish }, null, cancellationToken);

    /// <summary>Saves a new revision; <paramref name="revision"/> is the one the editor started from (a newer one → 412).</summary>
    public Task<ServiceResult<ArticleView>> EditAsync(string slug, int revision, string title, string category, string[] products, string body, CancellationToken cancellationToken) =>
        PostAsync<ArticleView>(
            $"/api/staff/articles/{Uri.EscapeDataString(slug)}",
            new { title, category, products, body },
            $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"",
            cancellationToken,
            HttpMethod.Put);
}

public sealed class NotificationClient(HttpClient http) : BackendClient(http)
{
    public Task<ServiceResult<DeliveryLog>> DeliveriesAsync(Guid inquiryId, CancellationToken cancellationToken) =>
        GetAsync<DeliveryLog>($"/api/notifications?inquiryId={inquiryId}", cancellationToken);
}
