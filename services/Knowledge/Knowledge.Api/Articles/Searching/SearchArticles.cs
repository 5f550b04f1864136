using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Knowledge.Recommending;
using SupportPlatform.Knowledge.Searching;

namespace SupportPlatform.Knowledge.Articles.Searching;

public sealed record ArticleSummary(string Slug, string Title, CategoryRef Category, IReadOnlyList<string> Products, string Snippet, double? Score, DateTimeOffset UpdatedAt);

public sealed record ArticlePage(IReadOnlyList<ArticleSummary> Items, int Page, int PageSize, int Total);

/// <summary>
/// <c>GET /api/articles?category=&amp;product=&amp;q=&amp;page=</c>: the search page and the category
/// lists. With <c>q</c>, best match first; without, newest first.
/// </summary>
public static class SearchArticles
{
    public const int PageSize = 20;
    private const int MaxPage = 500;

    public static RouteGroupBuilder MapSearchArticles(this RouteGroupBuilder api)
    {
        api.MapGet("/articles", Handle).WithName("SearchArticles");
        return api;
    }

    public static async Task<Results<Ok<ArticlePage>, ValidationProblem>> Handle(
        ArticleIndex index, ArticleStore store, string? category, string? product, string? q, int? page, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var pageNumber = page ?? 1;
        if (pageNumber is < 1 or > MaxPage)
        {
            errors["page"] = [$"Between 1 and {MaxPage}."];
        }

        if (q?.Length > Recommendations.MaxTextLength)
        {
            errors["q"] = [$"At most {Recommendations.MaxTextLength} characters."];
        }

        var catalog = await store.CatalogAsync(cancellationToken);
        var categoryFilter = string.IsNullOrWhiteSpace(category) ? null : catalog.FindCategory(category);
        if (!string.IsNullOrWhiteSpace(category) && categoryFilter is null)
        {
            errors["category"] = [$"Unknown category; one of: {string.Join(", ", catalog.Categories.Select(c => c.Slug))}."];
        }

        var productFilter = string.IsNullOrWhiteSpace(product) ? null : catalog.FindProduct(product);
        if (!string.IsNullOrWhiteSpace(product) && productFilter is null)
        {
            errors["product"] = [$"Unknown product; one of: {string.Join(", ", catalog.Products.Select(p => p.Code))}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        bool Matches(IndexedArticle article) =>
            (categoryFilter is null || article.CategorySlug == categoryFilter.Slug)
            && (productFilter is null || article.Products.Contains(productFilter.Code));

        var snapshot = index.Current;
        var skip = (pageNumber - 1) * PageSize;
        if (!string.IsNullOrWhiteSpace(q))
        {
            var result = snapshot.Search(q, skip + PageSize, SearchIndex.ListingCoverage, Matches);
            var items = result.Hits.Skip(skip)
                .Select(hit => Summary(hit.Article, SearchIndex.Snippet(hit.Article, q, 200), hit.Score))
                .ToArray();
            return TypedResults.Ok(new ArticlePage(items, pageNumber, PageSize, result.Total));
        }

        var all = snapshot.Articles.Where(Matches).ToArray();
        var newest = all.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Slug, StringComparer.Ordinal)
            .Skip(skip).Take(PageSize)
            .Select(a => Summary(a, SearchIndex.Snippet(a, null, 200), null))
            .ToArray();
        return TypedResults.Ok(new ArticlePage(newest, pageNumber, PageSize, all.Length));
    }

    private static ArticleSummary Summary(IndexedArticle article, string snippet, double? score) =>
        new(article.Slug, article.Title, new CategoryRef(article.CategorySlug, article.CategoryName), article.Products, snippet, score, article.UpdatedAt);
}
