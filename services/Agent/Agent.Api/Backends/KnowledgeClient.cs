using System.Globalization;

namespace SupportPlatform.Agent.Backends;

public sealed class KnowledgeClient(HttpClient http) : BackendClient(http)
{
    public Task<BackendResult<SuggestionView[]>> SuggestionsAsync(Guid inquiryId, CancellationToken cancellationToken) =>
        GetAsync<SuggestionView[]>($"/api/staff/inquiries/{inquiryId}/suggestions", cancellationToken);

    public Task<BackendResult<StaffArticleSummary[]>> ArticlesAsync(CancellationToken cancellationToken) =>
        GetAsync<StaffArticleSummary[]>("/api/staff/articles", cancellationToken);

    public Task<BackendResult<ArticleView>> ArticleAsync(string slug, CancellationToken cancellationToken) =>
        GetAsync<ArticleView>($"/api/staff/articles/{Uri.EscapeDataString(slug)}", cancellationToken);

    public Task<BackendResult<RevisionView[]>> RevisionsAsync(string slug, CancellationToken cancellationToken) =>
        GetAsync<RevisionView[]>($"/api/staff/articles/{Uri.EscapeDataString(slug)}/revisions", cancellationToken);

    /// <summary>Saves a new revision; <paramref name="revision"/> is the one the editor started from (a newer one → 412).</summary>
    public Task<BackendResult<ArticleView>> EditAsync(string slug, int revision, string title, string category, string[] products, string body, CancellationToken cancellationToken) =>
        PostAsync<ArticleView>(
            $"/api/staff/articles/{Uri.EscapeDataString(slug)}",
            new { title, category, products, body },
            $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"",
            cancellationToken,
            HttpMethod.Put);
}

public sealed class NotificationClient(HttpClient http) : BackendClient(http)
{
    public Task<BackendResult<DeliveryLog>> DeliveriesAsync(Guid inquiryId, CancellationToken cancellationToken) =>
        GetAsync<DeliveryLog>($"/api/notifications?inquiryId={inquiryId}", cancellationToken);
}
