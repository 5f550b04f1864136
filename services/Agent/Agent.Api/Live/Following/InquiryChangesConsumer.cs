using MassTransit;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Live.Following;

/// <summary>
/// Inquiry's integration events, received by every desk replica on its own temporary queue (see
/// <c>LiveDeskModule</c>), become signals to that replica's open pages. Ids only arrive, and only
/// ids leave: each page fetches the inquiry or the queue again with its member's own token.
/// Nothing here can fail, so a temporary queue never leaves an error queue behind.
/// </summary>
public sealed class InquiryChangesConsumer(DeskSignals signals) :
    IConsumer<InquirySubmitted>, IConsumer<InquiryAnswered>, IConsumer<CustomerFollowedUp>, IConsumer<InquiryAssigneeChanged>,
    IConsumer<InquiryClosed>, IConsumer<InquiryReopenedByAgent>, IConsumer<InquiryNoteAdded>
{
    public Task Consume(ConsumeContext<InquirySubmitted> context) => Signal(context.Message.InquiryId, "submitted");

    public Task Consume(ConsumeContext<InquiryAnswered> context) => Signal(context.Message.InquiryId, "answered");

    public Task Consume(ConsumeContext<CustomerFollowedUp> context) => Signal(context.Message.InquiryId, "followed-up");

    public Task Consume(ConsumeContext<InquiryAssigneeChanged> context) => Signal(context.Message.InquiryId, "assigned");

    public Task Consume(ConsumeContext<InquiryClosed> context) => Signal(context.Message.InquiryId, "closed");

    public Task Consume(ConsumeContext<InquiryReopenedByAgent> context) => Signal(context.Message.InquiryId, "reopened");

    public Task Consume(ConsumeContext<InquiryNoteAdded> context) => Signal(context.Message.InquiryId, "noted");

    private Task Signal(Guid inquiryId, string change)
    {
        signals.Publish(new InquiryChanged(inquiryId, change));
        return Task.CompletedTask;
    }
}
