using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.AccessRecords;

/// <summary>
/// One access record (개인정보 접속기록): who (staff id and roles), when, from where, what they did
/// and to which inquiry, as ids and fixed names only. <see cref="ItemId"/> names a part of the
/// inquiry (an attachment); <see cref="RecordCount"/> says how many inquiries a list showed.
/// </summary>
public sealed record AccessRecord(
    long Id,
    DateTimeOffset At,
    Guid StaffId,
    string Roles,
    string? ClientAddress,
    string Action,
    Guid? InquiryId,
    Guid? ItemId,
    int? RecordCount,
    string? Reason,
    byte[] PreviousHash,
    byte[] Hash);

/// <summary>
/// What a staff member did that showed or handed out personal data; the set is closed. The
/// <c>api.</c> actions are reads through Inquiry's API with a script's token, recorded by Inquiry
/// (<see cref="StaffReadPersonalData"/>); the rest the desk records on its pages.
/// </summary>
public static class AccessActions
{
    public const string InquiryViewed = "inquiry.view";
    public const string AttachmentDownloaded = "attachment.download";
    public const string InquiriesListed = "inquiries.list";
    public const string HeldEmailViewed = "held-email.view";
    public const string DataExported = "export.download";
    public const string TokenIssued = "token.issue";
    public const string ApiInquiryViewed = ApiReadActions.InquiryViewed;
    public const string ApiAttachmentDownloaded = ApiReadActions.AttachmentDownloaded;
    public const string ApiInquiriesListed = ApiReadActions.InquiriesListed;
    public const string ApiDataExported = ApiReadActions.ExportDownloaded;

    public static readonly IReadOnlyList<string> All =
        [InquiryViewed, AttachmentDownloaded, InquiriesListed, HeldEmailViewed, DataExported, TokenIssued,
            ApiInquiryViewed, ApiAttachmentDownloaded, ApiInquiriesListed, ApiDataExported];

    public static bool IsView(string action) => action is InquiryViewed or ApiInquiryViewed;

    public static bool IsDownload(string action) => action is AttachmentDownloaded or DataExported or ApiAttachmentDownloaded or ApiDataExported;

    public static string Korean(string action) => action switch
    {
        InquiryViewed => "문의 열람",
        AttachmentDownloaded => "첨부파일 내려받기",
        InquiriesListed => "문의 목록·검색",
        HeldEmailViewed => "보류 메일 열람",
        DataExported => "개인정보 내보내기",
        TokenIssued => "스크립트용 토큰 발급",
        ApiInquiryViewed => "API 문의 열람",
        ApiAttachmentDownloaded => "API 첨부파일 내려받기",
        ApiInquiriesListed => "API 문의 목록·검색",
        ApiDataExported => "API 개인정보 내보내기",
        _ => action,
    };
}

/// <summary>
/// Why a member exported or downloaded in bulk, from a closed list: a free-text reason could carry
/// a customer's name, and the record must not.
/// </summary>
public static class AccessReasons
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["data-subject-request"] = "정보주체의 열람 요구 (Data subject's access request)",
        ["customer-support"] = "고객 응대 (Customer support)",
        ["legal-obligation"] = "법령상 의무 (Legal obligation)",
        ["incident-investigation"] = "보안사고 조사 (Incident investigation)",
    };
}

/// <summary>
/// The hash chain: a record's hash is SHA-256 over the previous record's hash and the record's own
/// fields in a fixed, length-prefixed encoding, so no two different records encode alike.
/// </summary>
public static class AccessChain
{
    /// <summary>The previous hash of the very first record.</summary>
    public static readonly byte[] Genesis = new byte[32];

    /// <summary>PostgreSQL keeps microseconds; the hash must cover what is stored.</summary>
    public static DateTimeOffset Storable(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

    public static byte[] HashOf(AccessRecord record)
    {
        using var buffer = new MemoryStream();
        buffer.Write(record.PreviousHash);
        Field(buffer, record.Id.ToString(CultureInfo.InvariantCulture));
        Field(buffer, Storable(record.At).UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(buffer, record.StaffId.ToString("N"));
        Field(buffer, record.Roles);
        Field(buffer, record.ClientAddress);
        Field(buffer, record.Action);
        Field(buffer, record.InquiryId?.ToString("N"));
        Field(buffer, record.ItemId?.ToString("N"));
        Field(buffer, record.RecordCount?.ToString(CultureInfo.InvariantCulture));
        Field(buffer, record.Reason);
        return SHA256.HashData(buffer.ToArray());
    }

    /// <summary>
    /// The first record that does not follow from its predecessor, or null when the chain holds.
    /// <paramref name="anchorId"/> and <paramref name="anchorHash"/> are where the chain starts: the
    /// last record a retention purge removed (0 and <see cref="Genesis"/> before any purge).
    /// </summary>
    public static ChainBreak? FirstBreak(IEnumerable<AccessRecord> records, long anchorId, byte[] anchorHash)
    {
        var (expectedId, expectedPrevious) = (anchorId + 1, anchorHash);
        foreach (var record in records)
        {
            if (record.Id != expectedId)
            {
                return new ChainBreak(record.Id, $"expected record {expectedId}, found {record.Id} (a record is missing)");
            }

            if (!record.PreviousHash.AsSpan().SequenceEqual(expectedPrevious))
            {
                return new ChainBreak(record.Id, "its previous hash is not the hash of the record before it");
            }

            if (!record.Hash.AsSpan().SequenceEqual(HashOf(record)))
            {
                return new ChainBreak(record.Id, "its hash does not match its fields (the record was changed)");
            }

            (expectedId, expectedPrevious) = (record.Id + 1, record.Hash);
        }

        return null;
    }

    private static void Field(Stream buffer, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            buffer.Write(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}

public sealed record ChainBreak(long RecordId, string Reason);
