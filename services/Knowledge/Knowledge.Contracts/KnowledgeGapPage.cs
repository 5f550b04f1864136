namespace SupportPlatform.Knowledge.Contracts;

/// <summary>An inquiry no article answered well. The summary is not kept here (personal data); agents read it in the inquiry.</summary>
public sealed record KnowledgeGapRow(Guid InquiryId, string? BestSlug, double BestCoverage, DateTimeOffset SubmittedAt);

/// <summary><c>GET /api/staff/reports/knowledge-gaps?page=</c>: the gaps newest first, a page at a time.</summary>
public sealed record KnowledgeGapPage(IReadOnlyList<KnowledgeGapRow> Items, int Page, int PageSize, long Total);
