using System.Runtime.InteropServices;

namespace SupportPlatform.Knowledge.Searching;

/// <summary>One published article as search sees it.</summary>
public sealed record IndexedArticle(
    Guid Id,
    string Slug,
    string Title,
    string CategorySlug,
    string CategoryName,
    IReadOnlyList<string> Products,
    string PlainBody,
    DateTimeOffset UpdatedAt);

/// <summary>
/// An immutable in-memory inverted index over published articles, ranked BM25-style over two
/// fields: the title (boosted) and the body (with category and products). Terms come from
/// <see cref="KoreanText.Analyze"/>. Per-posting weights are computed once at build time, so a
/// query only adds numbers — a few hundred microseconds for 10,000 articles.
/// </summary>
public sealed partial class SearchIndex
{
    /// <summary>How much a title hit outweighs a body hit.</summary>
    public const float TitleBoost = 2.5f;

    private const float K1 = 1.2f;
    private const float TitleB = 0.3f;
    private const float BodyB = 0.75f;

    private readonly Dictionary<string, Posting[]> postings;
    private readonly Dictionary<string, float> idf;
    private readonly Dictionary<string, int> bySlug;

    private readonly ArticleTerms[] analysed;

    private SearchIndex(
        IndexedArticle[] articles,
        ArticleTerms[] analysed,
        Dictionary<string, Posting[]> postings,
        IndexExtras extras,
        (float Title, float Body) averages,
        Dictionary<string, float>? idf = null,
        TypoCorrection? typos = null,
        Dictionary<string, int>? bySlug = null)
    {
        Articles = articles;
        this.analysed = analysed;
        this.postings = postings;
        this.averages = averages;
        Extras = extras;
        var n = articles.Length;
        this.idf = idf ?? postings.ToDictionary(p => p.Key, p => Idf(n, p.Value.Length), StringComparer.Ordinal);
        maxIdf = Idf(Math.Max(n, 1), 1);
        this.typos = typos ?? new TypoCorrection(postings.Keys.Where(k => k.StartsWith("w:", StringComparison.Ordinal)).Select(k => k[2..]).Concat(Vocabulary.LatinToKorean.Keys).Distinct());
        if (bySlug is null)
        {
            bySlug = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < articles.Length; i++)
            {
                bySlug[articles[i].Slug] = i;
            }
        }

        this.bySlug = bySlug;
    }

    /// <summary>The field lengths BM25 normalises by, fixed at the last full build (a few edits barely move them).</summary>
    private readonly (float Title, float Body) averages;

    public static SearchIndex Empty { get; } = Build([]);

    public IReadOnlyList<IndexedArticle> Articles { get; }

    public IndexedArticle? Find(string slug) => bySlug.TryGetValue(slug, out var i) ? Articles[i] : null;

    /// <summary>Whether the article's own title or body has the (stemmed) word.</summary>
    public bool ArticleHasWord(string slug, string word)
    {
        var key = new Term(TermKind.Word, word).Key;
        return bySlug.TryGetValue(slug, out var i) && (analysed[i].Title.ContainsKey(key) || analysed[i].Body.ContainsKey(key));
    }

    /// <summary>
    /// Builds the index. Articles unchanged since <paramref name="previous"/> (same id and update time)
    /// reuse their analysed terms, so a rebuild after one edit costs little more than assembling postings.
    /// </summary>
    public static SearchIndex Build(IEnumerable<IndexedArticle> source, SearchIndex? previous = null, IndexExtras? extras = null)
    {
        extras ??= previous?.Extras ?? IndexExtras.None;
        var articles = source.ToArray();
        var analysed = new ArticleTerms[articles.Length];
        for (var i = 0; i < articles.Length; i++)
        {
            analysed[i] = previous?.Reusable(articles[i]) ?? Analyze(articles[i]);
        }

        var titleTerms = analysed.Select(a => a.Title).ToArray();
        var bodyTerms = analysed.Select(a => a.Body).ToArray();
        var titleLengths = analysed.Select(a => a.TitleLength).ToArray();
        var bodyLengths = analysed.Select(a => a.BodyLength).ToArray();
        var averageTitle = articles.Length == 0 ? 1f : Math.Max(1f, (float)titleLengths.Average());
        var averageBody = articles.Length == 0 ? 1f : Math.Max(1f, (float)bodyLengths.Average());
        var averages = (averageTitle, averageBody);
        var lists = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        for (var i = 0; i < articles.Length; i++)
        {
            // Concepts that point at the article and terms learned from use count like one title word each.
            var extra = extras.TermsFor(articles[i].Slug);
            foreach (var (key, inTitle) in titleTerms[i])
            {
                bodyTerms[i].TryGetValue(key, out var inBody);
                Add(key, i, inTitle, inBody, extra.GetValueOrDefault(key));
            }

            foreach (var (key, inBody) in bodyTerms[i])
            {
                if (!titleTerms[i].ContainsKey(key))
                {
                    Add(key, i, 0, inBody, extra.GetValueOrDefault(key));
                }
            }

            foreach (var (key, weight) in extra)
            {
                if (!titleTerms[i].ContainsKey(key) && !bodyTerms[i].ContainsKey(key))
                {
                    Add(key, i, 0, 0, weight);
                }
            }
        }

        void Add(string key, int article, int inTitle, int inBody, float extra)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(lists, key, out _);
            list ??= [];
            list.Add(new Posting(article, PostingWeight(inTitle, titleLengths[article], inBody, bodyLengths[article], extra, averages)));
        }

        return new SearchIndex(articles, analysed, lists.ToDictionary(l => l.Key, l => l.Value.ToArray(), StringComparer.Ordinal), extras, averages);
    }

    private static float PostingWeight(int inTitle, int titleLength, int inBody, int bodyLength, float extra, (float Title, float Body) averages) =>
        Saturate(inTitle, titleLength, averages.Title, TitleB) * TitleBoost + Saturate(inBody, bodyLength, averages.Body, BodyB) + extra * TitleBoost;

    /// <summary>
    /// A new index with some published articles replaced or added, sharing everything else with
    /// this one: only the postings of the terms those articles had or have are copied and rebuilt.
    /// An edit at 10,000 articles costs milliseconds instead of a rebuild's seconds.
    /// </summary>
    public SearchIndex Patch(IReadOnlyList<IndexedArticle> changed)
    {
        var articles = Articles.ToList();
        var analysedNow = analysed.ToList();
        var slugs = bySlug;
        var touched = new Dictionary<int, ArticleTerms?>();
        foreach (var article in changed)
        {
            if (slugs.TryGetValue(article.Slug, out var i))
            {
                touched.TryAdd(i, analysedNow[i]);
                articles[i] = article;
                analysedNow[i] = Analyze(article);
            }
            else
            {
                slugs = slugs == bySlug ? new Dictionary<string, int>(bySlug, StringComparer.Ordinal) : slugs;
                i = articles.Count;
                slugs[article.Slug] = i;
                touched[i] = null;
                articles.Add(article);
                analysedNow.Add(Analyze(article));
            }
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, before) in touched)
        {
            keys.UnionWith(analysedNow[i].Title.Keys);
            keys.UnionWith(analysedNow[i].Body.Keys);
            keys.UnionWith(Extras.TermsFor(articles[i].Slug).Keys);
            if (before is not null)
            {
                keys.UnionWith(before.Title.Keys);
                keys.UnionWith(before.Body.Keys);
            }
        }

        var lists = new Dictionary<string, Posting[]>(postings, StringComparer.Ordinal);
        var idfNow = new Dictionary<string, float>(idf, StringComparer.Ordinal);
        var n = articles.Count;
        var newWords = new List<string>();
        var order = touched.Keys.Order().ToArray();
        foreach (var key in keys)
        {
            // The old list minus the touched articles, then theirs merged in by position: one copy, no sort.
            var list = new List<Posting>(lists.TryGetValue(key, out var old) ? old.Length + order.Length : order.Length);
            var cursor = 0;
            foreach (var i in order)
            {
                for (; old is not null && cursor < old.Length && old[cursor].Article < i; cursor++)
                {
                    list.Add(old[cursor]);
                }

                if (old is not null && cursor < old.Length && old[cursor].Article == i)
                {
                    cursor++;
                }

                var terms = analysedNow[i];
                terms.Title.TryGetValue(key, out var inTitle);
                terms.Body.TryGetValue(key, out var inBody);
                var extra = Extras.TermsFor(articles[i].Slug).GetValueOrDefault(key);
                if (inTitle > 0 || inBody > 0 || extra > 0)
                {
                    list.Add(new Posting(i, PostingWeight(inTitle, terms.TitleLength, inBody, terms.BodyLength, extra, averages)));
                }
            }

            for (; old is not null && cursor < old.Length; cursor++)
            {
                list.Add(old[cursor]);
            }

            if (list.Count == 0)
            {
                lists.Remove(key);
                idfNow.Remove(key);
                continue;
            }

            if (old is null && key.StartsWith("w:", StringComparison.Ordinal))
            {
                newWords.Add(key[2..]);
            }

            lists[key] = [.. list];
            idfNow[key] = Idf(n, list.Count);
        }

        // An added article changes every term's idf a little; like the averages, that waits for the next full build.
        return new SearchIndex([.. articles], [.. analysedNow], lists, Extras, averages, idfNow, typos.With(newWords), slugs);
    }

    private static ArticleTerms Analyze(IndexedArticle article)
    {
        var (title, titleLength) = Count(KoreanText.Analyze(article.Title, AnalysisMode.Document));
        var body = $"{article.CategoryName} {string.Join(' ', article.Products)}\n{article.PlainBody}";
        var (bodyCounts, bodyLength) = Count(KoreanText.Analyze(body, AnalysisMode.Document));
        var lead = KoreanText.Analyze(Lead(article.PlainBody), AnalysisMode.Document).Select(term => term.Key).ToHashSet(StringComparer.Ordinal);
        return new ArticleTerms(title, titleLength, bodyCounts, bodyLength, lead);
    }

    /// <summary>Lines shorter than this are headings ("답변", "원인"), not the lead.</summary>
    private const int LeadMinimumLength = 40;

    /// <summary>
    /// The article's lead: its first line of prose, which says in a sentence or two what the article
    /// answers ("'승인자 정보 유지'는 … 메일을 승인한 사람의 정보를 계속 남겨 두는 기능입니다"). Customers who
    /// describe the problem without its name use the lead's words more than the title's.
    /// </summary>
    public static string Lead(string plainBody) =>
        plainBody.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length >= LeadMinimumLength) ?? string.Empty;

    private ArticleTerms? Reusable(IndexedArticle article) =>
        bySlug.TryGetValue(article.Slug, out var i) && Articles[i].Id == article.Id && Articles[i].UpdatedAt == article.UpdatedAt
            ? analysed[i]
            : null;

    /// <summary>The article as the previous build saw it, when it has not changed since (saves re-rendering its Markdown).</summary>
    public IndexedArticle? Unchanged(string slug, Guid id, DateTimeOffset updatedAt) =>
        bySlug.TryGetValue(slug, out var i) && Articles[i].Id == id && Articles[i].UpdatedAt == updatedAt ? Articles[i] : null;

    /// <param name="Lead">The terms of the article's lead (<see cref="Lead(string)"/>), which count toward title evidence at <see cref="LeadWeight"/>.</param>
    private sealed record ArticleTerms(Dictionary<string, int> Title, int TitleLength, Dictionary<string, int> Body, int BodyLength, HashSet<string> Lead);

    private static (Dictionary<string, int> Counts, int Length) Count(List<Term> terms)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            counts[term.Key] = counts.GetValueOrDefault(term.Key) + 1;
        }

        return (counts, terms.Count);
    }

    private static float Saturate(int frequency, int length, float averageLength, float b) =>
        frequency == 0 ? 0f : frequency * (K1 + 1) / (frequency + K1 * (1 - b + b * length / averageLength));

    private static float Idf(int n, int documentFrequency) =>
        (float)Math.Log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));

    private readonly record struct Posting(int Article, float Weight);
}
