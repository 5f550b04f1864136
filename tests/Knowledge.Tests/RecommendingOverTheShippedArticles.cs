using SupportPlatform.Knowledge.Recommending;
using Xunit;
using Xunit.Abstractions;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>Ranking quality on the shipped articles, in memory (the HTTP path is covered in <see cref="RecommendingOverHttp"/>).</summary>
public sealed class RecommendingOverTheShippedArticles(ITestOutputHelper output)
{
    private static readonly Searching.SearchIndex Index = SeedIndex.Build();

    [Fact]
    public void The_public_eval_set_has_recall_at_3_of_at_least_0_9()
    {
        var queries = EvalQuery.Public();
        var misses = new List<string>();
        foreach (var query in queries)
        {
            var top = Recommendations.Find(Index, query.Query, 3).Select(hit => hit.Article.Title).ToList();
            if (!query.IsAnsweredBy(top))
            {
                misses.Add($"{query.Query} → expected {string.Join(" | ", query.Expected)}; got [{string.Join("; ", top)}]");
            }
        }

        var recall = 1.0 - (double)misses.Count / queries.Count;
        output.WriteLine($"recall@3 = {recall:0.000} over {queries.Count} queries");
        misses.ForEach(output.WriteLine);
        Assert.True(queries.Count >= 15, "the eval set did not load");
        Assert.True(recall >= 0.9, $"recall@3 = {recall:0.000}; misses:\n{string.Join('\n', misses)}");
    }

    // Queries written for this test, none of them in the eval set: particles, spacing, spelling
    // variants, English, product codes, pasted errors and half-typed words.
    [Theory]
    [InlineData("랜섬웨어가 걱정돼요", "spam-and-ransomware-notice")]
    [InlineData("랜섬웨", "spam-and-ransomware-notice")]
    [InlineData("ransomware 감염", "spam-and-ransomware-notice")]
    [InlineData("스팸 메일 이 자꾸 나가요", "tmse-spam-sending-causes-and-prevention")]
    [InlineData("계정이 도용되어 스팸발송", "tmse-spam-sending-causes-and-prevention")]
    [InlineData("421 Your IP is not allowed to use smtp auth", "tmse-spam-sending-causes-and-prevention")]
    [InlineData("TOO MANY RECIPIENTS error", "tmse-too-many-recipients-bounce")]
    [InlineData("수신자가 너무 많아서 반송", "tmse-too-many-recipients-bounce")]
    [InlineData("콘텐츠필터가 동작하지 않아요", "tmse-content-filter-not-blocking")]
    [InlineData("content filter 통과", "tmse-content-filter-not-blocking")]
    [InlineData("tmw 슈퍼화이트", "tmw-bulk-mail-settings")]
    [InlineData("Super White IP 정책 추가", "tmw-bulk-mail-settings")]
    [InlineData("동시접속횟수제한으로 수신거부", "bulk-mail-block-error-messages")]
    [InlineData("뉴스레터 급여메일 대량 발송", "tmse-sending-from-other-systems")]
    [InlineData("개인정보 동의 안하면 문의 못하나요", "customer-care-lounge-guide")]
    [InlineData("보안센터 로그인 없이 스팸리스트 보기", "tmse-daily-spam-list-auto-login")]
    [InlineData("거래처 도메인 메일을 항상 받고 싶어요", "tmse-always-accept-domain-exception")]
    [InlineData("승인자정보유지가 뭔가요", "tmse-approver-info-retention")]
    public void Queries_outside_the_eval_set_find_their_article_in_the_top_3(string query, string slug)
    {
        var top = Recommendations.Find(Index, query, 3);
        Assert.True(top.Any(hit => hit.Article.Slug == slug), $"'{query}' → [{string.Join(", ", top.Select(h => $"{h.Article.Slug} {h.Score}/{h.Coverage}"))}], expected {slug}");
    }

    [Theory]
    [InlineData("스팸메일 발송 원인", "스팸 메일 발송 원인")]
    [InlineData("랜섬웨어가", "랜섬웨어")]
    [InlineData("컨텐츠 필터", "콘텐츠 필터")]
    [InlineData("TMSe 대량메일", "tmse 대량메일")]
    [InlineData("이메일 콘텐츠 필터 차단", "메일 컨텐츠 필터 블록")]
    public void Spelling_spacing_and_particles_do_not_change_the_top_result(string one, string other)
    {
        var first = Recommendations.Find(Index, one, 1).Single().Article.Slug;
        var second = Recommendations.Find(Index, other, 1).Single().Article.Slug;
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_title_match_outranks_the_same_words_in_a_body()
    {
        // Another article names "[TMSe] 대량메일 발송 설정 가이드" in its body; the two guides with it in their titles come first.
        var hits = Recommendations.Find(Index, "대량메일 발송 설정 가이드", 5);
        Assert.Equal(["tmse-bulk-mail-settings", "tmw-bulk-mail-settings"], hits.Take(2).Select(h => h.Article.Slug).Order());
        Assert.Contains(hits.Skip(2), h => h.Article.Slug == "tmse-sending-from-other-systems");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ㅋㅋㅋ")]
    [InlineData("회사 로고 색상 변경")]
    [InlineData("zzqx vbnm")]
    public void Unrelated_or_empty_text_recommends_nothing_or_counts_as_a_gap(string text)
    {
        var hits = Recommendations.Find(Index, text, 5);
        Assert.True(Recommendations.IsGap(hits), $"'{text}' looked answered by {hits.FirstOrDefault()?.Article.Slug} ({hits.FirstOrDefault()?.Coverage})");
    }
}
