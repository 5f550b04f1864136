using System.Globalization;
using System.Text;
using SupportPlatform.Agent.AccessRecords.Purging;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Destructions;

/// <summary>
/// One line of the destruction ledger (파기 기록): a purge with its date, reason, legal basis or
/// policy, the categories of data destroyed, the method, the counts and the run that did it.
/// </summary>
public sealed record LedgerEntry(
    DateTimeOffset At,
    string Kind,
    string Reason,
    string Basis,
    string Categories,
    string Method,
    string Counts,
    Guid RunId)
{
    public bool IsErasure => Kind == DestructionLedger.Erasure;
}

/// <summary>
/// The ledger, put together from every place that destroys data: Inquiry's purge runs (retention
/// and erasure) and the desk's access-log purges. Pure, so what each line says is tested alone.
/// </summary>
public static class DestructionLedger
{
    public const string Retention = "retention";
    public const string Erasure = "erasure";
    public const string AccessLog = "access-log";
    public const string ExpiredExport = "expired-export";

    public const string InquiryCategories = "문의 내용·답변·메모, 연락처(이메일·회사명·전화번호), 동의 기록, 첨부파일 (Inquiry text, contact details, consent record, attachments)";

    public const string InquiryMethod = "암호화 키 파기로 복구 불가, 이벤트 스트림·조회용 행 삭제, 첨부파일 삭제 (Key shredded; event stream and read-model rows deleted; files deleted)";

    public static IReadOnlyList<LedgerEntry> Entries(InquiryDestructions inquiries, IEnumerable<AccessLogPurge> accessLogPurges) =>
    [
        .. inquiries.Runs.Select(ForInquiries)
            .Concat(inquiries.ExpiredExports.Select(ForExpiredExports))
            .Concat(accessLogPurges.Select(ForAccessLog))
            .OrderByDescending(e => e.At).ThenBy(e => e.RunId),
    ];

    public static LedgerEntry ForInquiries(PurgeRun run) => run.Reason == "erasure-request"
        ? new LedgerEntry(
            run.PurgedAt, Erasure, "정보주체의 삭제 요구 (Erasure request)",
            "개인정보 보호법 제36조 (PIPA art. 36)", InquiryCategories, InquiryMethod, InquiryCounts(run), run.RunId)
        : new LedgerEntry(
            run.PurgedAt, Retention, "보유기간 경과 (Retention period over)",
            $"개인정보 보호법 제21조 (PIPA art. 21) · 보존 정책 {string.Join(", ", run.PolicyVersions)}", InquiryCategories, InquiryMethod, InquiryCounts(run), run.RunId);

    public static LedgerEntry ForExpiredExports(ExpiredExportPurge purge) => new(
        purge.PurgedAt, ExpiredExport, "열람 요구 내보내기 파일 만료 (Access-request export expired undownloaded)",
        "내보내기 보관 23시간 정책 (Exports kept 23 hours)",
        "열람 요구 내보내기 파일(암호화됨) (Sealed access-request exports)",
        "암호문 행 삭제, 키는 보관한 적 없음 (Ciphertext rows deleted; the key was never kept)",
        string.Create(CultureInfo.InvariantCulture, $"내보내기 {purge.Exports:N0}건 (exports)"),
        purge.RunId);

    public static LedgerEntry ForAccessLog(AccessLogPurge purge) => new(
        purge.PurgedAt, AccessLog, "접속기록 보관기간 경과 (Access-log retention over)",
        $"개인정보의 안전성 확보조치 기준 제8조 (Safety-measures standard art. 8) · {purge.Retention}",
        "개인정보 접속기록 (Access records)",
        "행 삭제, 남은 기록의 해시 체인 기준점 보존 (Rows deleted; the chain's anchor kept)",
        string.Create(CultureInfo.InvariantCulture, $"기록 {purge.Removed:N0}건 (records), {purge.OlderThan:yyyy-MM-dd} 이전"),
        purge.RunId);

    public static string Csv(IEnumerable<LedgerEntry> entries)
    {
        var csv = new StringBuilder("purged_at_utc,kind,reason,legal_basis,categories,method,counts,run_id\r\n");
        foreach (var e in entries)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{e.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{e.Kind},{Quote(e.Reason)},{Quote(e.Basis)},{Quote(e.Categories)},{Quote(e.Method)},{Quote(e.Counts)},{e.RunId}\r\n");
        }

        return csv.ToString();
    }

    private static string InquiryCounts(PurgeRun run) =>
        string.Create(CultureInfo.InvariantCulture, $"문의 {run.Inquiries:N0}건, 이벤트 {run.EventsDeleted:N0}건, 첨부파일 {run.AttachmentsDeleted:N0}건 (inquiries, events, attachments)");

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
