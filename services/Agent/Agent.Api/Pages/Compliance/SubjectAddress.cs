using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;

namespace SupportPlatform.Agent.Pages.Compliance;

/// <summary>
/// The data subject's address a compliance officer types (access requests, corrections, erasure):
/// checked on the page, so the officer gets a Korean message before Inquiry's field errors.
/// </summary>
public static class SubjectAddress
{
    public const string Invalid = "올바른 이메일 주소를 입력하세요. (Enter a valid email address.)";

    public static bool IsValid([NotNullWhen(true)] string? email) => !string.IsNullOrEmpty(email) && email.Length <= 254 && MailAddress.TryCreate(email, out _);
}
