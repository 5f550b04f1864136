using Microsoft.Extensions.Options;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Templates;

namespace SupportPlatform.Notification.Emails.Surveying;

/// <summary>The inquiry was closed for the first time: one email asking whether the answer helped.</summary>
public sealed class SatisfactionSurveyRequestedConsumer(DeliveryStore store, DeliveryDispatcher dispatcher, SurveyEmails emails, TimeProvider time)
    : DeliveryConsumer<SatisfactionSurveyRequested>(store, dispatcher, emails, time);

public sealed class SurveyEmails(InternalInquiryApi inquiries, EmailTemplates templates, IOptions<NotificationOptions> options)
    : EmailComposer<SatisfactionSurveyRequested>
{
    public override IReadOnlyList<DeliveryKind> Kinds { get; } = [DeliveryKind.Survey];

    public override Guid InquiryIdOf(SatisfactionSurveyRequested message) => message.InquiryId;

    public override IEnumerable<string> Validate(SatisfactionSurveyRequested message)
    {
        if (message.InquiryId == Guid.Empty)
        {
            yield return "inquiryId is empty";
        }
    }

    public override async Task<ComposedEmail?> ComposeAsync(SatisfactionSurveyRequested message, DeliveryKind kind, CancellationToken cancellationToken)
    {
        // No survey token: an Inquiry older than the survey answered; nothing to link to.
        if (await inquiries.GetForEmailAsync(message.InquiryId, cancellationToken) is not { SurveyToken: { } token } inquiry)
        {
            return null;
        }

        return Email(inquiry.Email, templates.Render(TemplateNames.Survey, inquiry.Language, new SurveyModel(
            inquiry.Summary,
            EmailFormatting.SurveyLink(options.Value.LoungeBaseUrl, inquiry.InquiryId, token))));
    }
}
