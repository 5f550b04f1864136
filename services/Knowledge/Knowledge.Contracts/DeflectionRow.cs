namespace SupportPlatform.Knowledge.Contracts;

/// <summary>One article of <c>GET /api/staff/reports/deflection</c>: how often a shown recommendation was not followed by an inquiry.</summary>
/// <param name="Shown">Sessions in which the article was recommended.</param>
/// <param name="Opened">Sessions in which it was opened.</param>
/// <param name="FollowedByInquiry">Sessions that showed it and then filed an inquiry anyway.</param>
/// <param name="Deflected">Sessions that showed it and filed no inquiry.</param>
public sealed record DeflectionRow(string Slug, string? Title, long Shown, long Opened, long FollowedByInquiry, long Deflected, double DeflectionRate);
