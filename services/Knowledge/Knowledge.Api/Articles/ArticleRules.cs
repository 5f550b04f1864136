using System.Text.RegularExpressions;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Articles;

/// <summary>What an article a staff member writes must look like; pure, so the endpoints and tests share it.</summary>
public static partial class ArticleRules
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 100_000;
    public const int MaxSlugLength = 100;

    /// <summary>Lower-case ASCII words joined by single hyphens: stable, readable URLs in any browser.</summary>
    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    public static bool IsValidSlug(string? slug) =>
        slug is { Length: >= 3 and <= MaxSlugLength } && SlugPattern().IsMatch(slug);

    public static void ValidateSlug(string? slug, FieldErrors errors)
    {
        if (!IsValidSlug(slug))
        {
            errors.Add("slug", $"Use 3–{MaxSlugLength} lower-case letters, digits and single hyphens (e.g. tmse-bulk-mail).");
        }
    }

    /// <summary>Checks title, body, category and products against the catalog; returns the canonical category slug and product codes.</summary>
    public static (string CategorySlug, string[] Products) ValidateContent(
        string? title,
        string? body,
        string? category,
        IReadOnlyList<string>? products,
        Catalog catalog,
        FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add("title", "A title is required.");
        }
        else if (title.Trim().Length > MaxTitleLength)
        {
            errors.Add("title", $"At most {MaxTitleLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            errors.Add("body", "A body is required.");
        }
        else if (body.Length > MaxBodyLength)
        {
            errors.Add("body", $"At most {MaxBodyLength:N0} characters.");
        }

        var categorySlug = catalog.FindCategory(category)?.Slug;
        if (categorySlug is null)
        {
            errors.Add("category", $"Unknown category; one of: {string.Join(", ", catalog.Categories.Select(c => c.Slug))}.");
        }

        var codes = new List<string>();
        foreach (var product in products ?? [])
        {
            var code = catalog.FindProduct(product)?.Code;
            if (code is null)
            {
                errors.Add("products", $"Unknown product '{product}'; one of: {string.Join(", ", catalog.Products.Select(p => p.Code))}.");
            }
            else if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        return (categorySlug ?? string.Empty, codes.ToArray());
    }
}

public sealed record Category(string Slug, string Name);

public sealed record Product(string Code, string Name);

/// <summary>The categories and products articles may name. Category by slug or Korean name, product code in any case.</summary>
public sealed record Catalog(IReadOnlyList<Category> Categories, IReadOnlyList<Product> Products)
{
    public Category? FindCategory(string? value) => value is null ? null : Categories.FirstOrDefault(c =>
        string.Equals(c.Slug, value.Trim(), StringComparison.OrdinalIgnoreCase)
        || string.Equals(c.Name, value.Trim().Normalize(), StringComparison.Ordinal));

    public Product? FindProduct(string? value) => value is null ? null : Products.FirstOrDefault(p =>
        string.Equals(p.Code, value.Trim(), StringComparison.OrdinalIgnoreCase));
}
