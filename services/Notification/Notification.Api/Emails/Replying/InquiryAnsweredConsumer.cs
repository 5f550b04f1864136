using Microsoft.Extensions.Options;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Templates;

namespace SupportPlatform.Notification.Emails.Replying;

/// <summary>An agent answered: the customer gets the reply (Markdown rendered safely) and their link.</summary>
public sealed class InquiryAnsweredConsumer(
    DeliveryStore store,
    DeliveryDispatcher dispatcher,
    TimeProvider time,
    EmailTemplates templates,
    IOptions<NotificationOptions> options) : DeliveryConsumer<InquiryAnswered>(store, dispatcher, time)
{
    protected override Guid InquiryIdOf(InquiryAnswered message) => message.InquiryId;

    protected override IEnumerable<string> Validate(InquiryAnswered message)
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

        if (string.IsNullOrWhiteSpace(message.Body))
        {
            yield return "body is empty";
        }
    }

    protected override IReadOnlyList<NewDelivery> Compose(InquiryAnswered message)
    {
        var reply = templates.Render(TemplateNames.Reply, message.Language, new ReplyModel(
            message.Summary,
            message.AgentName,
            ReplyMarkdown.Render(message.Body),
            EmailFormatting.InquiryLink(options.Value.LoungeBaseUrl, message.InquiryId, message.AccessToken),
            EmailFormatting.KoreanTime(message.AnsweredAt)));
        return [new NewDelivery(DeliveryKind.Reply, message.Email.Trim(), reply)];
    }
}
