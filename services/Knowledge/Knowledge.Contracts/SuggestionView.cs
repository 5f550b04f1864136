namespace SupportPlatform.Knowledge.Contracts;

/// <summary>One article of <c>GET /api/staff/inquiries/{inquiryId}/suggestions</c>, best first.</summary>
public sealed record SuggestionView(int Rank, string Slug, string Title, double Score, double Coverage);
