namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// <c>POST /api/compliance/exports</c>: an access-request export built and sealed, waiting for its
/// one download. <c>Key</c> opens it; Inquiry does not keep it, so only the holder of this answer can.
/// </summary>
public sealed record PreparedExport(Guid ExportId, int Inquiries, DateTimeOffset ExpiresAt, string Key);

/// <summary><c>POST /api/compliance/corrections</c>: how many inquiries the address had, and how many were corrected.</summary>
public sealed record CorrectionResult(int Found, int Corrected);
