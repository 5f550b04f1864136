using System.Text.RegularExpressions;

namespace SupportPlatform.Lounge.Inquiries;

/// <summary>
/// The Inquiry API answers field errors in English; the Lounge shows them in Korean beside their
/// fields. Messages it does not know are shown as the API wrote them, never dropped. Pure.
/// </summary>
public static partial class FieldMessages
{
    public const string ConsentRequired =
        "개인정보 수집·이용에 동의해야 문의를 접수할 수 있습니다. 동의하지 않으시면 문의 내용은 전송되지 않습니다.";

    /// <summary>The API's field names, in the form's order, with the id of the input they belong to.</summary>
    public static readonly IReadOnlyDictionary<string, string> InputIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = "email",
        ["summary"] = "summary",
        ["companyName"] = "companyName",
        ["phone"] = "phone",
        ["details"] = "details",
        ["attachmentIds"] = "files",
        ["file"] = "files",
        ["consent"] = "consent",
        ["body"] = "body",
        ["score"] = "score-5",
        ["comment"] = "comment",
    };

    /// <summary>The form's label of an API field, for the error summary ("회사명: 필수 입력 항목입니다.").</summary>
    public static string LabelOf(string field) => field.ToLowerInvariant() switch
    {
        "email" => "이메일 주소",
        "summary" => "문의 요약",
        "companyname" => "회사명",
        "phone" => "전화 번호",
        "details" => "문의 상세",
        "attachmentids" or "file" => "첨부 파일",
        "consent" => "개인정보 수집 및 이용 동의",
        "body" => "내용",
        "score" => "만족도",
        "comment" => "의견",
        _ => field,
    };

    public static string ToKorean(string field, string message)
    {
        if (field.Equals("consent", StringComparison.OrdinalIgnoreCase))
        {
            return message.StartsWith("Consent must be given to the current", StringComparison.Ordinal)
                ? "개인정보 처리방침이 바뀌었습니다. 새 내용을 확인하고 다시 동의해 주세요."
                : ConsentRequired;
        }

        if (message == "This field is required.")
        {
            return "필수 입력 항목입니다.";
        }

        if (field.Equals("score", StringComparison.OrdinalIgnoreCase))
        {
            return "1점부터 5점 중 하나를 골라 주세요.";
        }

        if (message == "Not a valid email address.")
        {
            return "올바른 이메일 주소를 입력해 주세요. (예: name@company.co.kr)";
        }

        if (AtMost().Match(message) is { Success: true } atMost)
        {
            return $"{atMost.Groups[1].Value}자까지 입력할 수 있습니다.";
        }

        if (field.Equals("phone", StringComparison.OrdinalIgnoreCase) && message.StartsWith("Digits", StringComparison.Ordinal))
        {
            return "숫자와 공백, +, -, ( ), . 만 쓸 수 있으며 숫자가 6개 이상이어야 합니다.";
        }

        if (field.Equals("attachmentIds", StringComparison.OrdinalIgnoreCase) && message.StartsWith("At most", StringComparison.Ordinal))
        {
            return "첨부 파일은 5개까지 올릴 수 있습니다.";
        }

        if (field.Equals("attachmentIds", StringComparison.OrdinalIgnoreCase))
        {
            return "첨부 파일을 찾을 수 없습니다. 파일을 다시 올려 주세요.";
        }

        if (field.Equals("file", StringComparison.OrdinalIgnoreCase) && message.StartsWith("Allowed are", StringComparison.Ordinal))
        {
            return "올릴 수 없는 형식입니다. PNG, JPEG, GIF, PDF, ZIP, 텍스트·로그 파일, 메일(.eml)만 올릴 수 있습니다.";
        }

        return message;
    }

    [GeneratedRegex(@"^At most (\d+) characters\.$")]
    private static partial Regex AtMost();
}
