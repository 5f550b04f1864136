using Microsoft.Extensions.Options;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Templates;
using SupportPlatform.ServiceDefaults.Rendering;

namespace SupportPlatform.Notification.Emails.Replying;

/// <summary>An agent answered: the customer gets the reply (Markdown rendered safely) and their link.</summary>
public sealed class InquiryAnsweredConsumer(DeliveryStore store, DeliveryDispatcher dispatcher, ReplyEmails emails, TimeProvider time)
    : DeliveryConsumer<InquiryAnswered>(store, dispatcher, emails, time);

public sealed class ReplyEmails(InternalInquiryApi inquiries, EmailTemplates templates, IOptions<NotificationOptions> options)
    : EmailComposer<InquiryAnswered>
{
    public override IReadOnlyList<DeliveryKind> Kinds { get; } = [DeliveryKind.Reply];

    public override Guid InquiryIdOf(InquiryAnswered message) => message.InquiryId;

    public override IEnumerable<string> Validate(InquiryAnswered message)
    {
        if (message.InquiryId == Guid.Empty)
        {
            yield return "inquiryId is empty";
        }

        if (message.ReplyId == Guid.Empty)
        {
            yield return "replyId is empty";
        }
    }

    public override async Task<ComposedEmail?> ComposeAsync(InquiryAnswered message, DeliveryKind kind, CancellationToken cancellationToken)
    {
        if (await inquiries.GetForEmailAsync(message.InquiryId, cancellationToken) is not { } inquiry
            || await inquiries.GetReplyAsync(message.InquiryId, message.ReplyId, cancellationToken) is not { } reply)
        {
            return null;
        }

        return Email(inquiry.Email, templates.Render(TemplateNames.Reply, inquiry.Language, new ReplyModel(
            inquiry.Summary,
            reply.AgentName,
            new HtmlFragment(SafeMarkdown.ToHtml(reply.Body, MarkdownProfile.Email), reply.Body),
            EmailFormatting.InquiryLink(options.Value.LoungeBaseUrl, inquiry.InquiryId, inquiry.AccessToken),
            EmailFormatting.KoreanTime(reply.RepliedAt))), inquiry.ReplyToken);
    }
}
