using System.Globalization;
using SupportPlatform.Agent.Http;
using SupportPlatform.Knowledge.Contracts;

namespace SupportPlatform.Agent.Operations;

/// <summary>
/// What Knowledge reports about its articles, as the operations view's tables: the deflection
/// funnel (a recommendation shown, opened, and whether an inquiry followed) and the knowledge gaps
/// (inquiries no article answered well: what to write next). Ids, slugs and numbers only.
/// </summary>
public static class KnowledgeTables
{
    public const string Deflection = "deflection";

    public const string Gaps = "knowledge-gaps";

    public static ReportTable DeflectionFunnel(IReadOnlyList<DeflectionRow> rows) => new(
        Deflection,
        "도움말 추천의 문의 예방 Deflection funnel per article",
        [
            new("문서 Article"), new("추천된 세션 Shown", true), new("열어 본 세션 Opened", true),
            new("그래도 문의 Followed by an inquiry", true), new("문의 없음 Deflected", true), new("예방률 Deflection rate", true),
        ],
        [.. rows.Select(r => (IReadOnlyList<string?>)
        [
            r.Title is null ? r.Slug : $"{r.Title} ({r.Slug})",
            r.Shown.ToString(CultureInfo.InvariantCulture),
            r.Opened.ToString(CultureInfo.InvariantCulture),
            r.FollowedByInquiry.ToString(CultureInfo.InvariantCulture),
            r.Deflected.ToString(CultureInfo.InvariantCulture),
            r.Shown == 0 ? null : r.DeflectionRate.ToString("0.0%", CultureInfo.InvariantCulture),
        ])]);

    public static ReportTable KnowledgeGaps(KnowledgeGapPage page) => new(
        Gaps,
        $"답변할 문서가 없던 문의 (최근 {page.Items.Count}건 / 기간 내 {page.Total:N0}건) Knowledge gaps (newest {page.Items.Count} of {page.Total:N0} in the period)",
        [new("접수 Submitted"), new("문의 ID Inquiry"), new("가장 가까운 문서 Closest article"), new("적합도 Coverage", true)],
        [.. page.Items.Select(g => (IReadOnlyList<string?>)
        [
            Display.Time(g.SubmittedAt), g.InquiryId.ToString(), g.BestSlug, g.BestCoverage.ToString("0.0%", CultureInfo.InvariantCulture),
        ])]);
}
