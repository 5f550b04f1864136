using Microsoft.Extensions.Options;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Templates;

namespace SupportPlatform.Notification.Emails.Receipting;

/// <summary>A new inquiry: the customer gets a receipt with their private link, the support team an alert.</summary>
public sealed class InquirySubmittedConsumer(
    DeliveryStore store,
    DeliveryDispatcher dispatcher,
    TimeProvider time,
    EmailTemplates templates,
    IOptions<NotificationOptions> options) : DeliveryConsumer<InquirySubmitted>(store, dispatcher, time)
{
    protected override Guid InquiryIdOf(InquirySubmitted message) => message.InquiryId;

    protected override IEnumerable<string> Validate(InquirySubmitted message)
    {
        if (message.InquiryId == Guid.Empty)
        {
            yield return "inquiryId is empty";
        }

        if (!IsEmailAddress(message.Email))
        {
            yield return "email is not an email address";
        }

        if (string.IsNullOrWhiteSpace(message.AccessToken))
        {
            yield return "accessToken is empty";
        }

        if (string.IsNullOrWhiteSpace(message.Summary))
        {
            yield return "summary is empty";
        }
    }

    protected override IReadOnlyList<NewDelivery> Compose(InquirySubmitted message)
    {
        var settings = options.Value;
        var submittedAt = EmailFormatting.KoreanTime(message.SubmittedAt);
        var receipt = templates.Render(TemplateNames.Receipt, message.Language, new ReceiptModel(
            message.Summary,
            message.CompanyName,
            EmailFormatting.InquiryLink(settings.LoungeBaseUrl, message.InquiryId, message.AccessToken),
            submittedAt));
        var alert = templates.Render(TemplateNames.NewInquiryAlert, settings.StaffLanguage, new NewInquiryAlertModel(
            message.InquiryId, message.Summary, message.CompanyName, submittedAt));
        return
        [
            new NewDelivery(DeliveryKind.Receipt, message.Email.Trim(), receipt),
            new NewDelivery(DeliveryKind.StaffAlert, settings.SupportTeamAddress, alert),
        ];
    }
}
