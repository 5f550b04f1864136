namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// A staff member read personal data through Inquiry's API with a token of their own (a script's),
/// not through the desk, which records its own pages' accesses: one message per request, for the
/// desk's access log (개인정보 접속기록). Ids and fixed names only; <see cref="ItemId"/> names an
/// attachment or export, <see cref="RecordCount"/> how many inquiries a list showed.
/// </summary>
public sealed record StaffReadPersonalData
{
    public required Guid StaffId { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    public string? ClientAddress { get; init; }

    /// <summary>One of <see cref="ApiReadActions"/>.</summary>
    public required string Action { get; init; }

    public Guid? InquiryId { get; init; }

    public Guid? ItemId { get; init; }

    public int? RecordCount { get; init; }

    public required DateTimeOffset ReadAt { get; init; }
}

/// <summary>What a read through the API showed or handed out; the set is closed.</summary>
public static class ApiReadActions
{
    public const string InquiryViewed = "api.inquiry.view";
    public const string AttachmentDownloaded = "api.attachment.download";
    public const string InquiriesListed = "api.inquiries.list";
    public const string ExportDownloaded = "api.export.download";

    public static readonly IReadOnlyList<string> All = [InquiryViewed, AttachmentDownloaded, InquiriesListed, ExportDownloaded];
}
