using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using SupportPlatform.Inquiry.Attachments;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.AccessRequests.Exporting;

/// <summary>One inquiry opened for the export: its events, its key and its attachments' files.</summary>
public sealed record OpenedInquiry(LoadedInquiry Inquiry, DataKey Key, IReadOnlyList<AttachmentContent> Files);

/// <summary>
/// The answer to an access request as a ZIP: per inquiry a readable HTML page (the conversation,
/// the consent record, the status history, the attachments) and the same as JSON, plus the files.
/// Internal notes are staff's working notes, not what the customer said or was told: left out.
/// </summary>
public static class SubjectExport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static byte[] Zip(IReadOnlyList<OpenedInquiry> inquiries, DateTimeOffset exportedAt)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var index = new StringBuilder();
            foreach (var opened in inquiries.OrderBy(i => i.Inquiry.State.SubmittedAt))
            {
                var record = RecordOf(opened);
                var folder = $"inquiry-{record.InquiryId}";
                Add(zip, $"{folder}/inquiry.html", Html(record, exportedAt));
                Add(zip, $"{folder}/inquiry.json", JsonSerializer.Serialize(record, Json));
                foreach (var (file, i) in opened.Files.Select((f, i) => (f, i)))
                {
                    var entry = zip.CreateEntry($"{folder}/attachments/{i + 1}-{file.FileName}", CompressionLevel.Optimal); // names were made safe at upload (FileNames.Sanitize)
                    using var stream = entry.Open();
                    stream.Write(file.Content);
                }

                index.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"<li><a href=\"{folder}/inquiry.html\">{Encode(record.Summary)}</a> ({Time(record.SubmittedAt)})</li>");
            }

            Add(zip, "index.html", Page("개인정보 열람 결과 (Your personal data)",
                $"<p>{inquiries.Count}건의 문의 (inquiries) · 작성 {Time(exportedAt)}</p><ul>{index}</ul>"));
        }

        return buffer.ToArray();
    }

    /// <summary>What the export says about one inquiry, decrypted.</summary>
    public static ExportedInquiry RecordOf(OpenedInquiry opened)
    {
        var (inquiry, key) = (opened.Inquiry, opened.Key);
        var id = inquiry.State.Id;
        string Open(Sealed value) => key.Open(id, value);
        var submitted = inquiry.Submission;
        var consent = inquiry.Events.OfType<ConsentGiven>().Single();
        var conversation = new List<ExportedMessage> { new("customer", null, $"{Open(submitted.Summary)}\n\n{Open(submitted.Details)}", submitted.SubmittedAt) };
        var history = new List<ExportedStatus> { new("submitted", "접수 (Submitted)", submitted.SubmittedAt) };
        foreach (var @event in inquiry.Events)
        {
            switch (@event)
            {
                case AgentReplied e:
                    conversation.Add(new ExportedMessage("agent", e.AgentName, Open(e.Body), e.RepliedAt));
                    history.Add(new ExportedStatus("answered", "답변 (Answered)", e.RepliedAt));
                    break;
                case CustomerReplied e:
                    conversation.Add(new ExportedMessage("customer", null, Open(e.Body), e.RepliedAt));
                    history.Add(new ExportedStatus("customer-replied", "고객 추가 문의 (You wrote again)", e.RepliedAt));
                    break;
                case InquiryClosed e:
                    history.Add(new ExportedStatus("closed", "종료 (Closed)", e.ClosedAt));
                    break;
                case InquiryReopened e:
                    history.Add(new ExportedStatus("reopened", "다시 열림 (Reopened)", e.ReopenedAt));
                    break;
            }
        }

        return new ExportedInquiry(
            id,
            Open(inquiry.Email),
            Open(inquiry.CompanyName),
            inquiry.Phone is { } phone ? Open(phone) : null,
            Open(submitted.Summary),
            submitted.SubmittedAt,
            QueueEntry.StatusName(inquiry.State.Status),
            new ExportedConsent(consent.PolicyVersion, consent.Purpose, consent.Retention, [.. consent.Items.Select(i => i.Name)], consent.GivenAt),
            conversation,
            history,
            [.. FilesOf(inquiry).Select(a => new ExportedAttachment(Open(a.FileName), a.ContentType, a.Size))]);
    }

    /// <summary>The files of the submission, then those of the customer's emailed messages, in order.</summary>
    public static IEnumerable<AttachmentRef> FilesOf(LoadedInquiry inquiry) =>
        inquiry.Submission.Attachments.Concat(inquiry.Events.OfType<CustomerReplied>().SelectMany(r => r.Attachments ?? []));

    private static string Html(ExportedInquiry r, DateTimeOffset exportedAt) => Page(
        $"문의 {r.InquiryId}",
        $"""
        <h2>연락처 (Contact details)</h2>
        <dl><dt>이메일 (Email)</dt><dd>{Encode(r.Email)}</dd><dt>회사명 (Company)</dt><dd>{Encode(r.CompanyName)}</dd><dt>전화번호 (Phone)</dt><dd>{Encode(r.Phone ?? "—")}</dd>
        <dt>접수 (Submitted)</dt><dd>{Time(r.SubmittedAt)}</dd><dt>상태 (Status)</dt><dd>{Encode(r.Status)}</dd></dl>
        <h2>동의 기록 (Consent record)</h2>
        <dl><dt>정책 버전 (Policy version)</dt><dd>{Encode(r.Consent.PolicyVersion)}</dd><dt>목적 (Purpose)</dt><dd>{Encode(r.Consent.Purpose)}</dd>
        <dt>보유 기간 (Retention)</dt><dd>{Encode(r.Consent.Retention)}</dd><dt>항목 (Items)</dt><dd>{Encode(string.Join(", ", r.Consent.Items))}</dd><dt>동의 시각 (Given at)</dt><dd>{Time(r.Consent.GivenAt)}</dd></dl>
        <h2>대화 (Conversation)</h2>
        {string.Concat(r.Conversation.Select(m => $"<section><h3>{(m.Author == "agent" ? "상담원 " + Encode(m.AgentName ?? "") : "고객 (You)")} · {Time(m.At)}</h3><pre>{Encode(m.Body)}</pre></section>"))}
        <h2>상태 이력 (Status history)</h2>
        <ol>{string.Concat(r.History.Select(h => $"<li>{Time(h.At)} {Encode(h.Label)}</li>"))}</ol>
        <h2>첨부파일 (Attachments)</h2>
        <ul>{string.Concat(r.Attachments.Select(a => $"<li>{Encode(a.FileName)} ({a.Size:N0} bytes) — attachments/ 폴더</li>"))}</ul>
        <p>작성 시각 (Exported at) {Time(exportedAt)}</p>
        """);

    private static string Page(string title, string body) =>
        $"<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head><body><h1>{Encode(title)}</h1>{body}</body></html>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Time(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm 'KST'", System.Globalization.CultureInfo.InvariantCulture);

    private static void Add(ZipArchive zip, string name, string text)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}

public sealed record ExportedInquiry(
    Guid InquiryId,
    string Email,
    string CompanyName,
    string? Phone,
    string Summary,
    DateTimeOffset SubmittedAt,
    string Status,
    ExportedConsent Consent,
    IReadOnlyList<ExportedMessage> Conversation,
    IReadOnlyList<ExportedStatus> History,
    IReadOnlyList<ExportedAttachment> Attachments);

public sealed record ExportedConsent(string PolicyVersion, string Purpose, string Retention, IReadOnlyList<string> Items, DateTimeOffset GivenAt);

public sealed record ExportedMessage(string Author, string? AgentName, string Body, DateTimeOffset At);

public sealed record ExportedStatus(string Status, string Label, DateTimeOffset At);

public sealed record ExportedAttachment(string FileName, string ContentType, long Size);
