using SupportPlatform.Inquiry.Domain;

namespace SupportPlatform.Inquiry.Consent;

/// <summary>The privacy consent shown on the inquiry form; a new text means a new version.</summary>
public sealed record ConsentPolicy(string Version, IReadOnlyList<ConsentItem> Items, string Purpose, string Retention, string Text)
{
    /// <summary>The policy of the Customer Care Lounge form (see the seed guide), served to every front end.</summary>
    public static readonly ConsentPolicy Current = new(
        Version: "2024-01",
        Items: [new ConsentItem("email", true), new ConsentItem("companyName", true), new ConsentItem("phone", false)],
        Purpose: "요청상담 및 고객문의의 처리",
        Retention: "P3Y",
        Text: """
            개인정보 처리방침에 동의합니다.

            수집 항목: (필수) 이메일 주소, 회사명 (선택) 전화번호
            수집 및 이용목적: 요청상담 및 고객문의의 처리
            보유 및 이용기간: 관련법령에 따라 3년간 보관 후 삭제

            * 이용자는 본 동의를 거부할 수 있으나, 동의하지 않을 시 문의의 접수가 불가능합니다.
            """);

    /// <summary>Null when the consent is valid for this policy, else the reason (the <c>errors.consent</c> message).</summary>
    public string? Check(bool accepted, string? policyVersion) =>
        !accepted ? "Consent to the privacy policy is required; without it the inquiry cannot be received."
        : policyVersion != Version ? $"Consent must be given to the current privacy policy (version {Version})."
        : null;
}
