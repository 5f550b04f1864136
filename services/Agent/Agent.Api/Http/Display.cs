using System.Globalization;

namespace SupportPlatform.Agent.Http;

/// <summary>How the desk shows times and states: Korean time, Korean first with the English term staff search for.</summary>
public static class Display
{
    private static readonly TimeZoneInfo Seoul = FindSeoul();

    public static string Time(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Seoul).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>"3일 전" style age, coarse on purpose: a queue is scanned, not read.</summary>
    public static string Age(DateTimeOffset at, DateTimeOffset now)
    {
        var age = now - at;
        return age.TotalMinutes < 1 ? "방금"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}분 전"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours}시간 전"
            : $"{(int)age.TotalDays}일 전";
    }

    public static string Status(string? status) => status switch
    {
        "open" => "접수 Open",
        "answered" => "답변 완료 Answered",
        // The customer followed up after a reply (or it was reopened): the team's turn, not the customer's.
        "waiting" => "고객 추가 문의 Follow-up",
        "closed" => "종료 Closed",
        _ => status ?? "",
    };

    public static string WaitingOn(string? waitingOn) => waitingOn switch
    {
        "customer" => "고객 Customer",
        "agent" => "상담원 Agent",
        _ => "—",
    };

    public static readonly string[] Priorities = ["urgent", "high", "normal", "low"];

    public static string Priority(string? priority) => priority switch
    {
        "urgent" => "긴급 Urgent",
        "high" => "높음 High",
        "normal" => "보통 Normal",
        "low" => "낮음 Low",
        _ => priority ?? "",
    };

    /// <summary>How an SLA target stands; the queue's badge and the inquiry page's target table.</summary>
    public static string Standing(string? standing) => standing switch
    {
        "on-time" => "여유 On time",
        "due-soon" => "1시간 내 마감 Due soon",
        "breached" => "초과 Breached",
        "paused" => "고객 대기로 멈춤 Paused",
        "met" => "충족 Met",
        _ => "—",
    };

    public static string TargetKind(string kind) => kind switch
    {
        "first-response" => "첫 응답 First response",
        "next-response" => "후속 응답 Next response",
        "resolution" => "해결 Resolution",
        _ => kind,
    };

    /// <summary>Business time as "2시간 30분": targets are counted in working hours, not calendar days.</summary>
    public static string BusinessMinutes(int minutes) =>
        minutes < 60 ? $"{minutes}분" : minutes % 60 == 0 ? $"{minutes / 60}시간" : $"{minutes / 60}시간 {minutes % 60}분";

    /// <summary>What an email was and whom it went to; Notification's log names no recipient.</summary>
    public static string DeliveryKind(string kind) => kind switch
    {
        "receipt" => "접수 확인 → 고객 Receipt to customer",
        "reply" => "답변 → 고객 Reply to customer",
        "staff-alert" => "알림 → 지원팀 Alert to support team",
        "inquiry-links" => "내 문의 링크 → 고객 Inquiry links to customer",
        "reminder" => "자동 종료 안내 → 고객 Auto-close reminder to customer",
        "sla-warning" => "SLA 경고 → 지원팀 SLA warning to support team",
        _ => kind,
    };

    /// <summary>How a customer's message came (issue 21); messages from before it carry none and came by the web.</summary>
    public static string Channel(string? channel) => channel == "email" ? "메일 Email" : "웹 Web";

    /// <summary>Why an email was held for an agent (<c>HeldEmailView.Reason</c>).</summary>
    public static string HoldReason(string reason) => reason switch
    {
        "sender" => "보낸 사람이 문의 고객의 주소와 다릅니다 Sender is not the customer's address",
        "reply-address" => "이 문의의 회신 주소로 오지 않았습니다 Not sent to this inquiry's reply address",
        _ => reason,
    };

    /// <summary>Why a file of an emailed message was not stored (<c>DroppedAttachmentView.Reason</c>): the upload's rules.</summary>
    public static string DroppedAttachmentReason(string reason) => reason switch
    {
        "type" => "허용되지 않는 파일 형식 (PNG, JPEG, GIF, PDF, ZIP, 텍스트·로그, .eml만) Type not allowed",
        "size" => "파일이 너무 큼 (10 MB 초과, 또는 메일 전체 25 MB 초과) Too large",
        "count" => "첨부 파일이 너무 많음 (메일당 10개까지) Too many files",
        _ => reason,
    };

    public static string DeliveryStatus(string status) => status switch
    {
        "sent" => "발송됨 Sent",
        "pending" => "대기 중 Pending",
        "failed" => "실패 Failed",
        "bounced" => "반송됨 Bounced",
        _ => status,
    };

    public static string Size(long bytes) => bytes < 1024 ? $"{bytes} B"
        : bytes < 1024 * 1024 ? $"{bytes / 1024.0:0.#} KB"
        : $"{bytes / 1024.0 / 1024.0:0.#} MB";

    private static TimeZoneInfo FindSeoul()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("KST", TimeSpan.FromHours(9), "KST", "KST");
        }
    }
}
