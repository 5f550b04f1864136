using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using SupportPlatform.Postgres;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Seeding;

/// <summary>One shipped article: <c>Seed/articles/*.md</c> with a small front matter (slug, title, category, products).</summary>
public sealed record SeedArticle(string Slug, string Title, string Category, string[] Products, string Body, string Hash);

/// <summary>
/// Loads the shipped articles at start, idempotently: a new slug is created and published, an
/// unchanged file changes nothing, and a changed file becomes the article's next revision. Edits
/// staff made in between are kept until the file itself changes (its hash is remembered).
/// </summary>
public sealed class SeedArticles(NpgsqlDataSource dataSource, ArticleStore store, TimeProvider time, ILogger<SeedArticles> logger)
{
    public const string Editor = "seed";

    public static IReadOnlyList<SeedArticle> Shipped()
    {
        var assembly = typeof(SeedArticles).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("seed/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return Parse(name, reader.ReadToEnd());
            })
            .ToList();
    }

    public static SeedArticle Parse(string name, string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Normalize(NormalizationForm.FormC);
        var lines = normalized.Split('\n');
        if (lines.Length < 3 || lines[0] != "---")
        {
            throw new InvalidDataException($"Seed article {name} must start with a '---' front matter.");
        }

        var end = Array.IndexOf(lines, "---", 1);
        if (end < 0)
        {
            throw new InvalidDataException($"Seed article {name} has no closing '---'.");
        }

        var fields = lines[1..end]
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts.Length > 1 ? parts[1].Trim() : string.Empty, StringComparer.Ordinal);
        string Field(string key) => fields.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new InvalidDataException($"Seed article {name} lacks '{key}'.");

        var body = string.Join('\n', lines[(end + 1)..]).Trim() + "\n";
        var products = fields.GetValueOrDefault("products", string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        return new SeedArticle(Field("slug"), Field("title"), Field("category"), products, body, hash);
    }

    /// <summary>Applies the shipped set; returns how many articles were created or revised.</summary>
    public async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        // One replica seeds at a time, so two starting together cannot both write revision 2.
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (await AdvisoryLocks.LockSessionAsync(lockConnection, "knowledge:seed", cancellationToken))
        {
            var known = new Dictionary<string, string?>(StringComparer.Ordinal);
            await using (var command = dataSource.CreateCommand("SELECT slug, seed_hash FROM knowledge.articles"))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    known[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
                }
            }

            var catalog = await store.CatalogAsync(cancellationToken);
            var changed = 0;
            foreach (var seed in Shipped())
            {
                if (known.TryGetValue(seed.Slug, out var hash) && hash == seed.Hash)
                {
                    continue;
                }

                var errors = new FieldErrors();
                var (category, products) = ArticleRules.ValidateContent(seed.Title, seed.Body, seed.Category, seed.Products, catalog, errors);
                if (errors.Any)
                {
                    throw new InvalidDataException($"Seed article {seed.Slug} is invalid: {string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(' ', e.Value)}"))}");
                }

                var content = new ArticleContent(seed.Title, category, products, seed.Body);
                var now = time.GetUtcNow();
                if (known.ContainsKey(seed.Slug))
                {
                    await store.UpdateAsync(seed.Slug, content, Editor, now, expectedRevision: null, seed.Hash, cancellationToken);
                    logger.LogInformation("Seed article {Slug} changed; saved as a new revision", seed.Slug);
                }
                else
                {
                    await store.CreateAsync(seed.Slug, content, publish: true, Editor, now, seed.Hash, cancellationToken);
                    logger.LogInformation("Seed article {Slug} created", seed.Slug);
                }

                changed++;
            }

            return changed;
        }
    }
}
