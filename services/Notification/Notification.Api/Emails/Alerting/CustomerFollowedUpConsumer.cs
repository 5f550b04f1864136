using Microsoft.Extensions.Options;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Templates;

namespace SupportPlatform.Notification.Emails.Alerting;

/// <summary>A customer wrote again: the support team gets an alert.</summary>
public sealed class CustomerFollowedUpConsumer(
    DeliveryStore store,
    DeliveryDispatcher dispatcher,
    TimeProvider time,
    EmailTemplates templates,
    IOptions<NotificationOptions> options) : DeliveryConsumer<CustomerFollowedUp>(store, dispatcher, time)
{
    protected override Guid InquiryIdOf(CustomerFollowedUp message) => message.InquiryId;

    protected override IEnumerable<string> Validate(CustomerFollowedUp message)
    {
        if (message.InquiryId == Guid.Empty)
        {
            yield return "inquiryId is empty";
        }
    }

    protected override IReadOnlyList<NewDelivery> Compose(CustomerFollowedUp message)
    {
        var settings = options.Value;
        var alert = templates.Render(TemplateNames.FollowUpAlert, settings.StaffLanguage, new FollowUpAlertModel(
            message.InquiryId, message.Summary, EmailFormatting.KoreanTime(message.FollowedUpAt)));
        return [new NewDelivery(DeliveryKind.StaffAlert, settings.SupportTeamAddress, alert)];
    }
}
