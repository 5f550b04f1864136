using JasperFx.Events;
using Marten.Events.Aggregation;
using SupportPlatform.Inquiry.Domain;

namespace SupportPlatform.Inquiry.Inquiries;

/// <summary>Folds a stream into the write model with the domain's own pure <see cref="InquiryState.After"/>; run live by <c>FetchForWriting</c>.</summary>
public sealed class InquiryStateProjection : SingleStreamProjection<InquiryState, Guid>
{
    public override InquiryState? Evolve(InquiryState? snapshot, Guid id, IEvent e) =>
        e.Data is IInquiryEvent @event ? InquiryState.After(snapshot, @event) : snapshot;
}
