using Marten;
using SupportPlatform.Inquiry.Domain;

namespace SupportPlatform.Inquiry.Inquiries;

/// <summary>An inquiry read from its own stream: always current, unlike the read models.</summary>
public sealed record LoadedInquiry(InquiryState State, IReadOnlyList<IInquiryEvent> Events, long Version)
{
    public InquirySubmitted Submission => Events.OfType<InquirySubmitted>().Single();
}

/// <summary>Reads whole inquiry streams for the views (commands go through <see cref="InquiryCommands"/>).</summary>
public sealed class InquiryStreams(IDocumentStore store)
{
    public async Task<LoadedInquiry?> LoadAsync(Guid inquiryId, CancellationToken cancellationToken)
    {
        if (inquiryId == Guid.Empty)
        {
            return null; // Marten refuses an empty stream id outright; no inquiry has it.
        }

        await using var session = store.QuerySession();
        var stored = await session.Events.FetchStreamAsync(inquiryId, token: cancellationToken);
        var events = stored.Select(e => e.Data).OfType<IInquiryEvent>().ToArray();
        return InquiryState.Fold(events) is { } state ? new LoadedInquiry(state, events, stored[^1].Version) : null;
    }
}
