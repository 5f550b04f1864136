using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Templates;

namespace SupportPlatform.Notification.Emails.Linking;

/// <summary>내 문의: one email listing a link to each inquiry of the address.</summary>
public sealed class InquiryLinksRequestedConsumer(DeliveryStore store, DeliveryDispatcher dispatcher, InquiryLinksEmails emails, TimeProvider time)
    : DeliveryConsumer<InquiryLinksRequested>(store, dispatcher, emails, time);

/// <summary>
/// The email names the inquiries by their date only — a summary would outlive the purge of an
/// inquiry the delivery row is not filed under. Links are minted by Inquiry when the email is sent.
/// </summary>
public sealed class InquiryLinksEmails(InternalInquiryApi inquiries, EmailTemplates templates, IOptions<NotificationOptions> options)
    : EmailComposer<InquiryLinksRequested>
{
    public override IReadOnlyList<DeliveryKind> Kinds { get; } = [DeliveryKind.InquiryLinks];

    /// <summary>Filed under the newest inquiry: purging it (or erasing the address) deletes the delivery too.</summary>
    public override Guid InquiryIdOf(InquiryLinksRequested message) => message.InquiryIds[0];

    public override IEnumerable<string> Validate(InquiryLinksRequested message)
    {
        if (message.InquiryIds is not { Count: > 0 })
        {
            yield return "inquiryIds is empty";
        }
        else if (message.InquiryIds.Contains(Guid.Empty))
        {
            yield return "inquiryIds holds an empty id";
        }
    }

    public override async Task<ComposedEmail?> ComposeAsync(InquiryLinksRequested message, DeliveryKind kind, CancellationToken cancellationToken)
    {
        if (await inquiries.GetLinksAsync(message.InquiryIds, message.LinksExpireAt, cancellationToken) is not { Links.Count: > 0 } found)
        {
            return null;
        }

        var baseUrl = options.Value.LoungeBaseUrl;
        var html = new StringBuilder("<ul>\n");
        var text = new StringBuilder();
        foreach (var link in found.Links)
        {
            var url = EmailFormatting.InquiryLink(baseUrl, link.InquiryId, link.AccessToken);
            var label = EmailFormatting.KoreanTime(link.SubmittedAt);
            html.Append(CultureInvariant($"  <li>{WebUtility.HtmlEncode(label)}: <a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(url)}</a></li>\n"));
            text.Append(CultureInvariant($"- {label}\n  {url}\n"));
        }

        html.Append("</ul>");
        return Email(found.Email, templates.Render(TemplateNames.InquiryLinks, message.Language, new InquiryLinksModel(
            new HtmlFragment(html.ToString(), text.ToString().TrimEnd()),
            found.Links.Count,
            EmailFormatting.KoreanTime(message.LinksExpireAt))));
    }

    private static string CultureInvariant(FormattableString value) => FormattableString.Invariant(value);
}
