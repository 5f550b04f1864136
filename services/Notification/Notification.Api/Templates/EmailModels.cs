namespace SupportPlatform.Notification.Templates;

/// <summary>The names of the template sets; each has a model record below with exactly its placeholders.</summary>
public static class TemplateNames
{
    public const string Receipt = "receipt";
    public const string Reply = "reply";
    public const string NewInquiryAlert = "new-inquiry-alert";
    public const string FollowUpAlert = "follow-up-alert";
    public const string InquiryLinks = "inquiry-links";
    public const string Reminder = "reminder";
    public const string ClosedInquiryAnswer = "closed-inquiry-answer";
    public const string UnmatchedMailAnswer = "unmatched-mail-answer";
    public const string Survey = "survey";
    public const string SlaWarning = "sla-warning";
}

/// <summary>The automatic answer to mail the support mailbox cannot take (a long-closed inquiry, or none matched): where to file a new inquiry.</summary>
public sealed record MailboxAnswerModel(string NewInquiryLink);

/// <summary>The customer's receipt: their summary and private link, never the details.</summary>
public sealed record ReceiptModel(string Summary, string CompanyName, string InquiryLink, string SubmittedAt);

/// <summary>An agent's reply to the customer; <paramref name="Reply"/> is the rendered Markdown.</summary>
public sealed record ReplyModel(string Summary, string AgentName, HtmlFragment Reply, string InquiryLink, string AnsweredAt);

/// <summary>
/// Tells the support team a new inquiry came in. The inquiry number and a desk link only: alerts
/// sit in the team's mailbox, which erasure cannot reach, so no alert carries personal data.
/// </summary>
public sealed record NewInquiryAlertModel(Guid InquiryId, string DeskLink, string SubmittedAt);

/// <summary>Tells the support team a customer wrote again; like every alert, ids and a desk link only.</summary>
public sealed record FollowUpAlertModel(Guid InquiryId, string DeskLink, string FollowedUpAt);

/// <summary>
/// Tells the support team an SLA target is at 80 % or breached: which target, when it is due, the
/// inquiry number and a desk link; like every alert, no personal data.
/// </summary>
public sealed record SlaWarningModel(Guid InquiryId, string Headline, string DueAt, string DeskLink);

/// <summary>내 문의: the links to every inquiry of an address; <paramref name="Links"/> is the rendered list.</summary>
public sealed record InquiryLinksModel(HtmlFragment Links, int Count, string ExpiresAt);

/// <summary>The customer has not written since the last reply: the inquiry closes on its own at <paramref name="ClosesAt"/> unless they do.</summary>
public sealed record ReminderModel(string Summary, string InquiryLink, string ClosesAt);

/// <summary>The inquiry is closed: was the answer helpful? <paramref name="SurveyLink"/> opens the survey, which records nothing until submitted.</summary>
public sealed record SurveyModel(string Summary, string SurveyLink);

/// <summary>How times and links appear in emails.</summary>
public static class EmailFormatting
{
    // Korea has no daylight saving time, so a fixed offset is exact and needs no tz database.
    private static readonly TimeSpan KoreaStandardTime = TimeSpan.FromHours(9);

    public static string KoreanTime(DateTimeOffset at) =>
        at.ToOffset(KoreaStandardTime).ToString("yyyy-MM-dd HH:mm 'KST'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The inquiry's page on the staff desk (staff sign in to see anything).</summary>
    public static string DeskLink(string deskBaseUrl, Guid inquiryId) => $"{deskBaseUrl.TrimEnd('/')}/inquiries/{inquiryId}";

    /// <summary>The customer's private link on the Lounge.</summary>
    public static string InquiryLink(string loungeBaseUrl, Guid inquiryId, string accessToken) =>
        $"{loungeBaseUrl.TrimEnd('/')}/inquiries/{inquiryId}?token={Uri.EscapeDataString(accessToken)}";

    /// <summary>The inquiry's satisfaction survey on the Lounge.</summary>
    public static string SurveyLink(string loungeBaseUrl, Guid inquiryId, string surveyToken) =>
        $"{loungeBaseUrl.TrimEnd('/')}/inquiries/{inquiryId}/satisfaction?token={Uri.EscapeDataString(surveyToken)}";
}
