using SupportPlatform.EventStore;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.PersonalData;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Publishing;

/// <summary>
/// Turns domain events into the integration events other services consume, decrypting only what
/// they need (the receipt and reply emails need address, summary and private link). Internal notes,
/// consent, assignment and legal holds stay private. Once the data key is gone (purged), nothing of
/// the inquiry is published any more except the purge itself, which carries no personal data.
/// </summary>
public sealed class IntegrationEventMapper(DataKeyStore keys, EventStore.EventStore store) : IIntegrationEventMapper
{
    public async ValueTask<object?> ToMessageAsync(StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        switch (storedEvent.Data)
        {
            case InquirySubmitted submitted:
            {
                if (await keys.FindAsync(submitted.InquiryId, cancellationToken) is not { } key)
                {
                    return null;
                }

                var id = submitted.InquiryId;
                return new Contracts.InquirySubmitted
                {
                    InquiryId = id,
                    Email = key.Open(id, submitted.Email),
                    CompanyName = key.Open(id, submitted.CompanyName),
                    Summary = key.Open(id, submitted.Summary),
                    AccessToken = key.Open(id, submitted.AccessToken),
                    Language = submitted.Language,
                    RecommendationSessionId = submitted.RecommendationSessionId,
                    SubmittedAt = submitted.SubmittedAt,
                };
            }

            case AgentReplied replied:
            {
                if (await OpenSubmissionAsync(replied.InquiryId, cancellationToken) is not var (key, submitted))
                {
                    return null;
                }

                var id = replied.InquiryId;
                return new Contracts.InquiryAnswered
                {
                    InquiryId = id,
                    ReplyId = replied.ReplyId,
                    Email = key.Open(id, submitted.Email),
                    Summary = key.Open(id, submitted.Summary),
                    AccessToken = key.Open(id, submitted.AccessToken),
                    Language = submitted.Language,
                    AgentName = replied.AgentName,
                    Body = key.Open(id, replied.Body),
                    AnsweredAt = replied.RepliedAt,
                };
            }

            case CustomerReplied followedUp:
            {
                if (await OpenSubmissionAsync(followedUp.InquiryId, cancellationToken) is not var (key, submitted))
                {
                    return null;
                }

                return new Contracts.CustomerFollowedUp
                {
                    InquiryId = followedUp.InquiryId,
                    MessageId = followedUp.MessageId,
                    Summary = key.Open(followedUp.InquiryId, submitted.Summary),
                    FollowedUpAt = followedUp.RepliedAt,
                };
            }

            case InquiryClosed closed:
                return await keys.FindAsync(closed.InquiryId, cancellationToken) is null
                    ? null
                    : new Contracts.InquiryClosed { InquiryId = closed.InquiryId, ClosedAt = closed.ClosedAt };

            case InquiryPurgeRecorded purged:
                return new Contracts.InquiryPurged { InquiryId = purged.InquiryId, Reason = purged.Reason, PurgedAt = purged.PurgedAt };

            default:
                return null;
        }
    }

    private async Task<(DataKey Key, InquirySubmitted Submitted)?> OpenSubmissionAsync(Guid inquiryId, CancellationToken cancellationToken)
    {
        if (await keys.FindAsync(inquiryId, cancellationToken) is not { } key)
        {
            return null;
        }

        var stream = await store.ReadStreamAsync(inquiryId, cancellationToken);
        return stream.Select(e => e.Data).OfType<InquirySubmitted>().FirstOrDefault() is { } submitted ? (key, submitted) : null;
    }
}
