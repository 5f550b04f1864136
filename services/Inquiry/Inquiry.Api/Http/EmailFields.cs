using System.Net.Mail;
using SupportPlatform.Inquiry.Inquiries.Submitting;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Http;

/// <summary>The email fields of Inquiry's endpoints: required, at most <see cref="Submit.MaxEmail"/> characters, an address.</summary>
public static class EmailFields
{
    /// <summary>An address to store (a submission, a correction): the strict rules of <see cref="Submit.IsEmail"/>.</summary>
    public static string? NewEmail(this FieldErrors errors, string field, string? value) => Email(errors, field, value, Submit.IsEmail);

    /// <summary>
    /// An address to look inquiries up by (links, exports, corrections, erasure): any address the mail
    /// standard accepts, so that one stored under older rules is still found.
    /// </summary>
    public static string? LookupEmail(this FieldErrors errors, string field, string? value) =>
        Email(errors, field, value, email => MailAddress.TryCreate(email, out _));

    private static string? Email(FieldErrors errors, string field, string? value, Func<string, bool> isAddress)
    {
        var email = errors.Text(field, value, Submit.MaxEmail, required: true);
        if (email is not null && email.Length <= Submit.MaxEmail && !isAddress(email))
        {
            errors.Add(field, "Not a valid email address.");
        }

        return email;
    }
}
