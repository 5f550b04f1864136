using Microsoft.Extensions.Options;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Templates;

namespace SupportPlatform.Notification.Emails.Reminding;

/// <summary>The customer has been silent since the last reply: one reminder that the inquiry closes on its own.</summary>
public sealed class CustomerRemindedConsumer(DeliveryStore store, DeliveryDispatcher dispatcher, ReminderEmails emails, TimeProvider time)
    : DeliveryConsumer<CustomerReminded>(store, dispatcher, emails, time);

public sealed class ReminderEmails(InternalInquiryApi inquiries, EmailTemplates templates, IOptions<NotificationOptions> options)
    : EmailComposer<CustomerReminded>
{
    public override IReadOnlyList<DeliveryKind> Kinds { get; } = [DeliveryKind.Reminder];

    public override Guid InquiryIdOf(CustomerReminded message) => message.InquiryId;

    public override IEnumerable<string> Validate(CustomerReminded message)
    {
        if (message.InquiryId == Guid.Empty)
        {
            yield return "inquiryId is empty";
        }
    }

    public override async Task<ComposedEmail?> ComposeAsync(CustomerReminded message, DeliveryKind kind, CancellationToken cancellationToken)
    {
        if (await inquiries.GetForEmailAsync(message.InquiryId, cancellationToken) is not { } inquiry)
        {
            return null;
        }

        return Email(inquiry.Email, templates.Render(TemplateNames.Reminder, inquiry.Language, new ReminderModel(
            inquiry.Summary,
            EmailFormatting.InquiryLink(options.Value.LoungeBaseUrl, inquiry.InquiryId, inquiry.AccessToken),
            EmailFormatting.KoreanTime(message.ClosesAt))), inquiry.ReplyToken);
    }
}
