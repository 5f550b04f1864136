using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.Knowledge.Recommending;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Articles.Searching;

/// <summary>
/// One article of the search page. The fields up to <see cref="UpdatedAt"/> are what the Lounge reads;
/// <see cref="Highlights"/> (ranges of <see cref="Snippet"/>, which stays plain text) and
/// <see cref="MatchedTerms"/> (the query's words as found, typo corrections and synonyms included)
/// came later, are empty without a query, and never change the older fields.
/// </summary>
public sealed record ArticleSummary(
    string Slug,
    string Title,
    CategoryRef Category,
    IReadOnlyList<string> Products,
    string Snippet,
    double? Score,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<Highlight> Highlights,
    IReadOnlyList<string> MatchedTerms);

public sealed record ArticlePage(IReadOnlyList<ArticleSummary> Items, int Page, int PageSize, int Total);

/// <summary>
/// <c>GET /api/articles?category=&amp;product=&amp;q=&amp;page=</c>: the search page and the category
/// lists. With <c>q</c>, ranked by the same index and scoring as recommendations (typo correction,
/// the domain vocabulary, learned terms), best match first; without, newest first.
/// </summary>
public static class SearchArticles
{
    public const int PageSize = 20;
    private const int MaxPage = 500;
    private const int SnippetLength = 200;

    /// <summary>
    /// Which articles the page lists: the recommendations' cut-off without its two evidence gates.
    /// A page the customer asked for may list articles that only mention the query in the body, and
    /// "메일" alone lists every article about mail, where the as-you-type box stays quiet. The sweep
    /// over coverage and confident evidence on eval-hard.tsv's tuning half (docs/search-quality.md)
    /// found these two values among its best: every kind found in the top 3, fewest off-topic lists.
    /// </summary>
    public static ListingRule Listing { get; } = new(Recommendations.MinimumCoverage, Recommendations.ConfidentEvidence);

    public static RouteGroupBuilder MapSearchArticles(this RouteGroupBuilder api)
    {
        api.MapGet("/articles", Handle).WithName("SearchArticles");
        return api;
    }

    public static async Task<Results<Ok<ArticlePage>, ValidationProblem>> Handle(
        ArticleIndex index, ArticleStore store, string? category, string? product, string? q, int? page, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var pageNumber = page ?? 1;
        if (pageNumber is < 1 or > MaxPage)
        {
            errors.Add("page", $"Between 1 and {MaxPage}.");
        }

        if (q?.Length > Recommendations.MaxTextLength)
        {
            errors.Add("q", $"At most {Recommendations.MaxTextLength} characters.");
        }

        var catalog = await store.CatalogAsync(cancellationToken);
        var categoryFilter = string.IsNullOrWhiteSpace(category) ? null : catalog.FindCategory(category);
        if (!string.IsNullOrWhiteSpace(category) && categoryFilter is null)
        {
            errors.Add("category", $"Unknown category; one of: {string.Join(", ", catalog.Categories.Select(c => c.Slug))}.");
        }

        var productFilter = string.IsNullOrWhiteSpace(product) ? null : catalog.FindProduct(product);
        if (!string.IsNullOrWhiteSpace(product) && productFilter is null)
        {
            errors.Add("product", $"Unknown product; one of: {string.Join(", ", catalog.Products.Select(p => p.Code))}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        bool Matches(IndexedArticle article) =>
            (categoryFilter is null || article.CategorySlug == categoryFilter.Slug)
            && (productFilter is null || article.Products.Contains(productFilter.Code));

        var snapshot = index.Current;
        var skip = (pageNumber - 1) * PageSize;
        if (!string.IsNullOrWhiteSpace(q))
        {
            var found = snapshot.Search(q, skip, PageSize, Listing, Matches);
            var items = found.Hits.Select(hit =>
            {
                var (snippet, highlights) = Snippets.Best(hit.Article.PlainBody, hit.Matched, SnippetLength);
                return Summary(hit.Article, snippet, hit.Score, highlights, hit.Matched);
            }).ToArray();
            return TypedResults.Ok(new ArticlePage(items, pageNumber, PageSize, found.Total));
        }

        var all = snapshot.Articles.Where(Matches).ToArray();
        var newest = all.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Slug, StringComparer.Ordinal)
            .Skip(skip).Take(PageSize)
            .Select(a => Summary(a, Snippets.Best(a.PlainBody, [], SnippetLength).Snippet, null, [], []))
            .ToArray();
        return TypedResults.Ok(new ArticlePage(newest, pageNumber, PageSize, all.Length));
    }

    private static ArticleSummary Summary(IndexedArticle article, string snippet, double? score, IReadOnlyList<Highlight> highlights, IReadOnlyList<string> matched) =>
        new(article.Slug, article.Title, new CategoryRef(article.CategorySlug, article.CategoryName), article.Products, snippet, score, article.UpdatedAt, highlights, matched);
}
