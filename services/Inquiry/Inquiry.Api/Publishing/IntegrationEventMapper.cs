using JasperFx.Events;
using Marten;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.PersonalData;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Publishing;

/// <summary>
/// Turns domain events into the integration events other services consume, decrypting only what
/// they need (the receipt and reply emails need address, summary and private link). Internal notes,
/// consent, assignment and legal holds stay private. Once the data key is gone (purged), nothing of
/// the inquiry is published any more except the purge itself, which carries no personal data.
/// The keys of a whole batch are fetched in one query. Null for an event that stays private (or
/// whose inquiry is gone, e.g. purged before publication).
/// </summary>
public sealed class IntegrationEventMapper(DataKeyStore keys)
{
    /// <summary>One entry per stored event, in order. A batch at a time, so what it needs is fetched in one query.</summary>
    public async ValueTask<IReadOnlyList<object?>> ToMessagesAsync(IReadOnlyList<IEvent> events, IQuerySession session, CancellationToken cancellationToken)
    {
        var batch = new Batch(
            await keys.FindManyAsync([.. events.Where(e => NeedsKey(e.Data)).Select(e => e.StreamId).Distinct()], cancellationToken),
            events.Select(e => e.Data).OfType<InquirySubmitted>().ToDictionary(s => s.InquiryId));
        var messages = new object?[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            messages[i] = await ToMessageAsync(events[i].Data, batch, session, cancellationToken);
        }

        return messages;
    }

    private static bool NeedsKey(object data) => data is InquirySubmitted or AgentReplied or CustomerReplied or InquiryClosed;

    private static async ValueTask<object?> ToMessageAsync(object data, Batch batch, IQuerySession session, CancellationToken cancellationToken)
    {
        switch (data)
        {
            case InquirySubmitted submitted when batch.Keys.TryGetValue(submitted.InquiryId, out var key):
            {
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
                if (await OpenSubmissionAsync(replied.InquiryId, batch, session, cancellationToken) is not var (key, submitted))
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
                if (await OpenSubmissionAsync(followedUp.InquiryId, batch, session, cancellationToken) is not var (key, submitted))
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

            case InquiryClosed closed when batch.Keys.ContainsKey(closed.InquiryId):
                return new Contracts.InquiryClosed { InquiryId = closed.InquiryId, ClosedAt = closed.ClosedAt };

            case InquiryPurgeRecorded purged:
                return new Contracts.InquiryPurged { InquiryId = purged.InquiryId, Reason = purged.Reason, PurgedAt = purged.PurgedAt };

            default:
                return null;
        }
    }

    /// <summary>The key and the submission of an inquiry a reply belongs to; the submission is read from the stream when it is not in the batch.</summary>
    private static async Task<(DataKey Key, InquirySubmitted Submitted)?> OpenSubmissionAsync(Guid inquiryId, Batch batch, IQuerySession session, CancellationToken cancellationToken)
    {
        if (!batch.Keys.TryGetValue(inquiryId, out var key))
        {
            return null;
        }

        if (!batch.Submissions.TryGetValue(inquiryId, out var submitted))
        {
            var stream = await session.Events.FetchStreamAsync(inquiryId, token: cancellationToken);
            if (stream.Select(e => e.Data).OfType<InquirySubmitted>().FirstOrDefault() is not { } found)
            {
                return null;
            }

            batch.Submissions[inquiryId] = submitted = found;
        }

        return (key, submitted);
    }

    private sealed record Batch(Dictionary<Guid, DataKey> Keys, Dictionary<Guid, InquirySubmitted> Submissions);
}
