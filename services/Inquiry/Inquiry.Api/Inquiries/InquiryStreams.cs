using Marten;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries;

/// <summary>An inquiry read from its own stream: always current, unlike the read models.</summary>
public sealed record LoadedInquiry(InquiryState State, IReadOnlyList<IInquiryEvent> Events, long Version)
{
    public InquirySubmitted Submission => Events.OfType<InquirySubmitted>().Single();

    /// <summary>The address as it is now: the submitted one, or its latest correction.</summary>
    public Sealed Email => Corrected(ContactFields.Email) ?? Submission.Email;

    public string EmailHash => Events.OfType<ContactDetailsCorrected>().LastOrDefault(c => c.EmailHash is not null)?.EmailHash ?? Submission.EmailHash;

    public Sealed CompanyName => Corrected(ContactFields.Company) ?? Submission.CompanyName;

    public Sealed? Phone => Corrected(ContactFields.Phone) ?? Submission.Phone;

    private Sealed? Corrected(string field) => Events.OfType<ContactDetailsCorrected>().LastOrDefault(c => c.Field == field)?.Value;
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
