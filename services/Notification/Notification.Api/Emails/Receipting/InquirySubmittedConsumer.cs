using Microsoft.Extensions.Options;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Templates;

namespace SupportPlatform.Notification.Emails.Receipting;

/// <summary>A new inquiry: the customer gets a receipt with their private link, the support team an alert.</summary>
public sealed class InquirySubmittedConsumer(DeliveryStore store, DeliveryDispatcher dispatcher, NewInquiryEmails emails, TimeProvider time)
    : DeliveryConsumer<InquirySubmitted>(store, dispatcher, emails, time);

public sealed class NewInquiryEmails(InternalInquiryApi inquiries, EmailTemplates templates, IOptions<NotificationOptions> options)
    : EmailComposer<InquirySubmitted>
{
    public override IReadOnlyList<DeliveryKind> Kinds { get; } = [DeliveryKind.Receipt, DeliveryKind.StaffAlert];

    public override Guid InquiryIdOf(InquirySubmitted message) => message.InquiryId;

    public override IEnumerable<string> Validate(InquirySubmitted message)
    {
        if (message.InquiryId == Guid.Empty)
        {
            yield return "inquiryId is empty";
        }
    }

    public override async Task<ComposedEmail?> ComposeAsync(InquirySubmitted message, DeliveryKind kind, CancellationToken cancellationToken)
    {
        // The alert shows nothing of the inquiry, but is read for too: one purged meanwhile gets neither email.
        if (await inquiries.GetForEmailAsync(message.InquiryId, cancellationToken) is not { } inquiry)
        {
            return null;
        }

        var settings = options.Value;
        var submittedAt = EmailFormatting.KoreanTime(inquiry.SubmittedAt);
        return kind == DeliveryKind.Receipt
            ? Email(inquiry.Email, templates.Render(TemplateNames.Receipt, inquiry.Language, new ReceiptModel(
                inquiry.Summary,
                inquiry.CompanyName,
                EmailFormatting.InquiryLink(settings.LoungeBaseUrl, inquiry.InquiryId, inquiry.AccessToken),
                submittedAt)), inquiry.ReplyToken)
            : Email(settings.SupportTeamAddress, templates.Render(TemplateNames.NewInquiryAlert, settings.StaffLanguage, new NewInquiryAlertModel(
                inquiry.InquiryId, EmailFormatting.DeskLink(settings.DeskBaseUrl, inquiry.InquiryId), submittedAt)));
    }
}
