using SupportPlatform.Knowledge.Searching;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>
/// A title word the article's own prose never uses files the article rather than says what it is
/// about (issue 25, session 10): it still ranks the article, but it is no title evidence, so one
/// everyday word of a title cannot carry unrelated text past the cut-off. Made-up articles.
/// </summary>
public sealed class TellingTitleLabelsFromTopics
{
    private static IndexedArticle Article(string slug, string title, string category, string body) =>
        new(Guid.NewGuid(), slug, title, "cat", category, [], body, DateTimeOffset.UnixEpoch);

    private static readonly SearchIndex Index = SearchIndex.Build([
        Article("notice", "보안 소식 모음 공유", "알림", "랜섬웨어 감염을 막는 보안 수칙을 정리했습니다. 보안 패치를 제때 설치해 주세요."),
        Article("filed", "자료 안내 공유", "공유", "자료를 열기 전에 발신처를 확인해 주세요."),
        Article("other", "다른 문서", "알림", "아무 관계 없는 본문입니다."),
        Article("terse", "쿼런틴 보관함 용량", "알림", "관리자 화면에서 늘릴 수 있습니다."),
    ]);

    [Fact]
    public void A_title_word_the_prose_repeats_is_title_evidence()
    {
        var hit = Index.Recommend("보안", 1)[0];

        Assert.Equal("notice", hit.Article.Slug);
        Assert.True(hit.TitleEvidence > 0);
    }

    [Fact]
    public void A_title_word_the_prose_never_uses_still_ranks_but_is_no_title_evidence()
    {
        var hits = Index.Recommend("공유", 3);

        Assert.Contains(hits, hit => hit.Article.Slug == "notice");
        Assert.All(hits, hit => Assert.Equal(0, hit.TitleEvidence));
        Assert.All(hits, hit => Assert.True(hit.Evidence > 0));
    }

    [Fact]
    public void The_category_indexed_with_the_body_does_not_count_as_prose()
    {
        var hit = Assert.Single(Index.Recommend("공유", 3), hit => hit.Article.Slug == "filed");

        Assert.Equal(0, hit.TitleEvidence);
    }

    [Fact]
    public void A_body_that_repeats_none_of_its_title_keeps_every_title_word_as_evidence()
    {
        var hit = Index.Recommend("쿼런틴 보관함", 1)[0];

        Assert.Equal("terse", hit.Article.Slug);
        Assert.True(hit.TitleEvidence > 0);
    }
}
