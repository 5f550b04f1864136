using System.Diagnostics;
using SupportPlatform.Knowledge.Articles.Searching;
using SupportPlatform.Knowledge.Recommending;
using SupportPlatform.Knowledge.Searching;
using Xunit;
using Xunit.Abstractions;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>Edits reach the index by patching it, not rebuilding it: measured at 10,000 articles.</summary>
public sealed class PatchingTheIndex(ITestOutputHelper output)
{
    /// <summary>The shipped articles plus generated ones made of their own title words and body lines.</summary>
    public static List<IndexedArticle> Catalogue(int generated)
    {
        var shipped = SeedIndex.Build().Articles.ToList();
        var words = shipped.SelectMany(a => a.Title.Split(' ')).Distinct().ToArray();
        var lines = shipped.SelectMany(a => a.PlainBody.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToArray();
        var random = new Random(7);
        return shipped.Concat(Enumerable.Range(0, generated).Select(i => new IndexedArticle(
            Guid.NewGuid(), $"generated-{i:D5}", string.Join(' ', Enumerable.Range(0, random.Next(4, 9)).Select(_ => words[random.Next(words.Length)])),
            "mail-security", "메일보안장비", ["TMSe"],
            string.Join('\n', Enumerable.Range(0, random.Next(6, 16)).Select(_ => lines[random.Next(lines.Length)])),
            DateTimeOffset.UnixEpoch))).ToList();
    }

    [Fact]
    public void An_edit_at_10000_articles_is_patched_for_a_twentieth_of_a_build_and_ranks_as_a_rebuild_would()
    {
        var catalogue = Catalogue(10_000);
        var extras = new IndexExtras(new DomainVocabulary(DomainVocabulary.Shipped()), []);
        var built = Stopwatch.StartNew();
        var index = SearchIndex.Build(catalogue, extras: extras);
        built.Stop();

        var target = catalogue.First(a => a.Slug == "tmse-approver-info-retention");
        var edited = target with { PlainBody = target.PlainBody + "\n승인자 정보는 감사 로그(audit trail)로도 내보낼 수 있습니다.", UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(1) };
        var added = target with { Id = Guid.NewGuid(), Slug = "new-article", Title = "오토바이 배달 메일 안내", PlainBody = "오토바이 배달 기사에게 보내는 메일", UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(1) };
        var patching = Stopwatch.StartNew();
        var patched = index.Patch([edited, added]);
        patching.Stop();
        output.WriteLine($"full build {built.ElapsedMilliseconds} ms; patch of 2 articles {patching.Elapsed.TotalMilliseconds:0.0} ms (at {patched.Articles.Count} articles)");

        // The machine running the tests is shared and busy, so the bound is relative: a patch costs a
        // small fraction of a build (docs/search-quality.md has the absolute figures).
        Assert.True(patching.Elapsed * 20 < built.Elapsed, $"patch took {patching.ElapsedMilliseconds} ms, a full build {built.ElapsedMilliseconds} ms");
        Assert.Equal(catalogue.Count + 1, patched.Articles.Count);
        Assert.Contains(patched.Recommend("audit trail", 3), h => h.Article.Slug == target.Slug);
        Assert.DoesNotContain(index.Recommend("audit trail", 3), h => h.Article.Slug == target.Slug);
        Assert.Equal("new-article", patched.Recommend("오토바이 배달", 1).Single().Article.Slug);
        Assert.Same(edited, patched.Find(target.Slug));

        // Query cost at this size: the as-you-type box, and the search page's first page (which measures every article's coverage).
        var prefixes = HardQuery.Load().Select(q => q.Query).SelectMany(q => Enumerable.Range(2, Math.Min(q.Length, 40) - 1).Select(n => q[..n])).ToList();
        var (recommend, page) = (new List<double>(), new List<double>());
        foreach (var prefix in prefixes)
        {
            var started = Stopwatch.GetTimestamp();
            Recommendations.Find(patched, prefix, Recommendations.DefaultLimit);
            recommend.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            patched.Search(prefix, 0, SearchArticles.PageSize, SearchArticles.Listing);
            page.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        static double P(List<double> values, double p) => values.Order().ElementAt((int)Math.Ceiling(p * values.Count) - 1);
        output.WriteLine($"{prefixes.Count} prefixes at {patched.Articles.Count} articles: recommend p50 {P(recommend, 0.5):0.00} / p95 {P(recommend, 0.95):0.00} ms; search page p50 {P(page, 0.5):0.00} / p95 {P(page, 0.95):0.00} ms");

        // The same articles built from scratch rank the same way.
        var rebuilt = SearchIndex.Build(catalogue.Select(a => a.Slug == target.Slug ? edited : a).Append(added), extras: extras);
        foreach (var query in new[] { "승인자 정보 유지", "audit trail", "오토바이 배달 메일" })
        {
            Assert.Equal(
                rebuilt.Recommend(query, 3).Select(h => h.Article.Slug),
                patched.Recommend(query, 3).Select(h => h.Article.Slug));
        }
    }
}
