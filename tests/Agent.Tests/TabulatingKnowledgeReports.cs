extern alias agent;

using agent::SupportPlatform.Agent.Operations;
using SupportPlatform.Knowledge.Contracts;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>Knowledge's funnel and gap report as the operations view's tables: titles with their slugs, rates as percentages, ids and no words.</summary>
public sealed class TabulatingKnowledgeReports
{
    [Fact]
    public void The_funnel_shows_each_article_and_the_gaps_each_inquiry_with_its_closest_article()
    {
        var inquiry = Guid.NewGuid();
        var funnel = KnowledgeTables.DeflectionFunnel(
        [
            new("spam-filter", "스팸 필터 설정", 10, 6, 3, 7, 0.7),
            new("retired-article", null, 0, 2, 0, 0, 0),
        ]);
        var gaps = KnowledgeTables.KnowledgeGaps(new([new(inquiry, "spam-filter", 0.125, new DateTimeOffset(2026, 3, 9, 1, 30, 0, TimeSpan.Zero))], 1, 50, 7));

        Assert.Equal(
            [
                ["스팸 필터 설정 (spam-filter)", "10", "6", "3", "7", "70.0%"],
                ["retired-article", "0", "2", "0", "0", null],
            ],
            funnel.Rows);
        Assert.Contains("최근 1건 / 기간 내 7건", gaps.Title);
        Assert.Equal([inquiry.ToString(), "spam-filter", "12.5%"], gaps.Rows.Single().Skip(1));
    }
}
