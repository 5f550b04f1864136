using SupportPlatform.EventStore;
using SupportPlatform.Inquiry.Domain;

namespace SupportPlatform.Inquiry.Inquiries;

/// <summary>An inquiry read from its own stream: always current, unlike the read models.</summary>
public sealed record LoadedInquiry(InquiryState State, IReadOnlyList<IInquiryEvent> Events, long Version)
{
    public InquirySubmitted Submission => Events.OfType<InquirySubmitted>().Single();
}

public sealed class InquiryStreams(EventStore.EventStore store)
{
    public async Task<LoadedInquiry?> LoadAsync(Guid inquiryId, CancellationToken cancellationToken)
    {
        var stored = await store.ReadStreamAsync(inquiryId, cancellationToken);
        var events = stored.Select(e => (IInquiryEvent)e.Data).ToArray();
        return InquiryState.Fold(events) is { } state ? new LoadedInquiry(state, events, stored[^1].Version) : null;
    }

    /// <summary>Appends at the expected version; throws <see cref="ConcurrencyException"/> when someone else appended first.</summary>
    public Task<long> AppendAsync(Guid inquiryId, long expectedVersion, IReadOnlyList<IInquiryEvent> events, CancellationToken cancellationToken) =>
        store.AppendAsync(inquiryId, InquirySchema.StreamType, expectedVersion, [.. events], cancellationToken);
}
