using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Templates;

namespace SupportPlatform.Notification.Emails.Linking;

/// <summary>
/// 내 문의: one email listing a link to each inquiry of the address. It names the inquiries by their
/// date only — a summary would outlive the purge of an inquiry the delivery row is not filed under.
/// </summary>
public sealed class InquiryLinksRequestedConsumer(
    DeliveryStore store,
    DeliveryDispatcher dispatcher,
    TimeProvider time,
    EmailTemplates templates,
    IOptions<NotificationOptions> options) : DeliveryConsumer<InquiryLinksRequested>(store, dispatcher, time)
{
    /// <summary>Filed under the newest inquiry: purging it (or erasing the address) deletes the email too.</summary>
    protected override Guid InquiryIdOf(InquiryLinksRequested message) => message.Links[0].InquiryId;

    protected override IEnumerable<string> Validate(InquiryLinksRequested message)
    {
        if (!IsEmailAddress(message.Email))
        {
            yield return "email is not an email address";
        }

        if (message.Links is not { Count: > 0 })
        {
            yield return "links is empty";
        }
        else if (message.Links.Any(l => l.InquiryId == Guid.Empty || string.IsNullOrWhiteSpace(l.AccessToken)))
        {
            yield return "a link lacks its inquiry id or token";
        }
    }

    protected override IReadOnlyList<NewDelivery> Compose(InquiryLinksRequested message)
    {
        var baseUrl = options.Value.LoungeBaseUrl;
        var html = new StringBuilder("<ul>\n");
        var text = new StringBuilder();
        foreach (var link in message.Links)
        {
            var url = EmailFormatting.InquiryLink(baseUrl, link.InquiryId, link.AccessToken);
            var label = EmailFormatting.KoreanTime(link.SubmittedAt);
            html.Append(CultureInvariant($"  <li>{WebUtility.HtmlEncode(label)}: <a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(url)}</a></li>\n"));
            text.Append(CultureInvariant($"- {label}\n  {url}\n"));
        }

        html.Append("</ul>");
        var email = templates.Render(TemplateNames.InquiryLinks, message.Language, new InquiryLinksModel(
            new HtmlFragment(html.ToString(), text.ToString().TrimEnd()),
            message.Links.Count,
            EmailFormatting.KoreanTime(message.LinksExpireAt)));
        return [new NewDelivery(DeliveryKind.InquiryLinks, message.Email.Trim(), email)];
    }

    private static string CultureInvariant(FormattableString value) => FormattableString.Invariant(value);
}
