using System.Net;
using System.Net.Http.Json;
using SupportPlatform.ServiceDefaults.Clients;

namespace SupportPlatform.Lounge.Apis;

public sealed record CategoryView(string Slug, string Name, int Articles);

public sealed record CategoryRef(string Slug, string Name);

/// <param name="MatchedTerms">The query's words as Knowledge found them in the article, typo corrections and synonyms included (search results only; absent from older Knowledge versions).</param>
public sealed record ArticleSummary(string Slug, string Title, CategoryRef Category, IReadOnlyList<string> Products, string Snippet, DateTimeOffset UpdatedAt, IReadOnlyList<string>? MatchedTerms = null);

public sealed record ArticlePage(IReadOnlyList<ArticleSummary> Items, int Page, int PageSize, int Total);

public sealed record FeedbackCounts(long Helpful, long NotHelpful);

public sealed record ArticleView(string Slug, string Title, CategoryRef Category, string[] Products, string Html, DateTimeOffset UpdatedAt, FeedbackCounts Feedback);

public sealed record Recommendation(string Slug, string Title, string Category, string Snippet, double Score, bool PossiblyRelated = false);

/// <summary>The public Knowledge API, as any third-party front end calls it.</summary>
public sealed class KnowledgeApi(HttpClient http)
{
    public async Task<IReadOnlyList<CategoryView>> CategoriesAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<CategoryView[]>("/api/categories", ApiJson.Options, cancellationToken) ?? [];

    public async Task<ServiceResult<ArticlePage>> ArticlesAsync(string? category, string? query, int page, CancellationToken cancellationToken)
    {
        var uri = QueryString.Create(new Dictionary<string, string?>
        {
            ["category"] = category,
            ["q"] = query,
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));
        using var response = await http.GetAsync("/api/articles" + uri, cancellationToken);
        return await ServiceResult<ArticlePage>.ReadAsync(response, ApiJson.Options, cancellationToken);
    }

    public async Task<ArticleView?> ArticleAsync(string slug, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/articles/{Uri.EscapeDataString(slug)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ArticleView>(ApiJson.Options, cancellationToken);
    }

    public async Task<IReadOnlyList<Recommendation>> RecommendAsync(string text, int limit, CancellationToken cancellationToken)
    {
        var uri = "/api/recommendations" + QueryString.Create(new Dictionary<string, string?>
        {
            ["text"] = text,
            ["limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return await http.GetFromJsonAsync<Recommendation[]>(uri, ApiJson.Options, cancellationToken) ?? [];
    }

    public async Task<ServiceResult<FeedbackCounts>> GiveFeedbackAsync(string slug, bool helpful, string? sessionId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            $"/api/articles/{Uri.EscapeDataString(slug)}/feedback", new { helpful, sessionId }, ApiJson.Options, cancellationToken);
        return await ServiceResult<FeedbackCounts>.ReadAsync(response, ApiJson.Options, cancellationToken);
    }

    /// <summary>Feeds the deflection funnel: a recommendation was <c>shown</c> or <c>opened</c> in an anonymous session.</summary>
    public async Task<ServiceResult<object>> TrackAsync(string sessionId, string kind, string slug, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/funnel", new { sessionId, kind, slug }, ApiJson.Options, cancellationToken);
        return await ServiceResult<object>.ReadAsync(response, ApiJson.Options, cancellationToken);
    }
}
