using Microsoft.Extensions.Options;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Templates;

namespace SupportPlatform.Notification.Emails.Alerting;

/// <summary>A customer wrote again: the support team gets an alert.</summary>
public sealed class CustomerFollowedUpConsumer(DeliveryStore store, DeliveryDispatcher dispatcher, FollowUpAlerts emails, TimeProvider time)
    : DeliveryConsumer<CustomerFollowedUp>(store, dispatcher, emails, time);

public sealed class FollowUpAlerts(InternalInquiryApi inquiries, EmailTemplates templates, IOptions<NotificationOptions> options)
    : EmailComposer<CustomerFollowedUp>
{
    public override IReadOnlyList<DeliveryKind> Kinds { get; } = [DeliveryKind.StaffAlert];

    public override Guid InquiryIdOf(CustomerFollowedUp message) => message.InquiryId;

    public override IEnumerable<string> Validate(CustomerFollowedUp message)
    {
        if (message.InquiryId == Guid.Empty)
        {
            yield return "inquiryId is empty";
        }
    }

    public override async Task<ComposedEmail?> ComposeAsync(CustomerFollowedUp message, DeliveryKind kind, CancellationToken cancellationToken)
    {
        // Only whether the inquiry still exists: an alert about a purged one is cancelled, not sent.
        if (await inquiries.GetSummaryAsync(message.InquiryId, cancellationToken) is null)
        {
            return null;
        }

        var settings = options.Value;
        return Email(settings.SupportTeamAddress, templates.Render(TemplateNames.FollowUpAlert, settings.StaffLanguage, new FollowUpAlertModel(
            message.InquiryId, EmailFormatting.DeskLink(settings.DeskBaseUrl, message.InquiryId), EmailFormatting.KoreanTime(message.FollowedUpAt))));
    }
}
