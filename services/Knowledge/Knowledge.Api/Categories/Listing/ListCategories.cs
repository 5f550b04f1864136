using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.Knowledge.Searching;

namespace SupportPlatform.Knowledge.Categories.Listing;

public sealed record ProductView(string Code, string Name, int Articles);

/// <summary><c>GET /api/categories</c> and <c>GET /api/products</c> with their published article counts.</summary>
public static class ListCategories
{
    public static RouteGroupBuilder MapListCategories(this RouteGroupBuilder api)
    {
        api.MapGet("/categories", async Task<Ok<CategoryView[]>> (ArticleStore store, ArticleIndex index, CancellationToken cancellationToken) =>
        {
            var catalog = await store.CatalogAsync(cancellationToken);
            var articles = index.Current.Articles;
            return TypedResults.Ok(catalog.Categories
                .Select(c => new CategoryView(c.Slug, c.Name, articles.Count(a => a.CategorySlug == c.Slug)))
                .ToArray());
        }).WithName("ListCategories");

        api.MapGet("/products", async Task<Ok<ProductView[]>> (ArticleStore store, ArticleIndex index, CancellationToken cancellationToken) =>
        {
            var catalog = await store.CatalogAsync(cancellationToken);
            var articles = index.Current.Articles;
            return TypedResults.Ok(catalog.Products
                .Select(p => new ProductView(p.Code, p.Name, articles.Count(a => a.Products.Contains(p.Code))))
                .ToArray());
        }).WithName("ListProducts");
        return api;
    }
}
