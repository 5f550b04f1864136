using Npgsql;
using SupportPlatform.EventStore;
using SupportPlatform.Inquiry.Attachments;
using SupportPlatform.Inquiry.Consent;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.Submitting;

/// <summary>
/// Stores a submission: the bound attachments, the stream (consent first) and the new data key
/// commit in one transaction, so either the whole inquiry exists or nothing of it does.
/// </summary>
public sealed class InquirySubmissions(
    NpgsqlDataSource dataSource,
    EventStore.EventStore store,
    DataKeyStore dataKeys,
    AttachmentStore attachments,
    PersonalDataKeys keys,
    TimeProvider time,
    ILogger<InquirySubmissions> logger)
{
    private static readonly System.Diagnostics.Metrics.Counter<long> Submitted =
        ServiceDefaults.Telemetry.Meter.CreateCounter<long>("inquiry.submitted", "{inquiry}", "Inquiries received (consent given, stored)");

    /// <summary>The receipt, or null when an attachment could not be bound (nothing stored then).</summary>
    public async Task<InquiryReceipt?> SubmitAsync(ValidSubmission submission, CancellationToken cancellationToken)
    {
        var inquiryId = Guid.CreateVersion7();
        var key = DataKey.New();
        var token = AccessTokens.New();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Without attachments, the append and the key row are one batch, which PostgreSQL runs as one
        // implicit transaction in a single round trip (a stream that somehow existed already would
        // fail the key row's primary key and roll both back). Attachments need a transaction around
        // their binding too.
        await using var transaction = submission.AttachmentIds.Count > 0 ? await connection.BeginTransactionAsync(cancellationToken) : null;

        IReadOnlyList<AttachmentRef> bound = [];
        if (submission.AttachmentIds.Count > 0)
        {
            if (await attachments.AttachToInquiryAsync(connection, transaction!, inquiryId, key, submission.AttachmentIds, cancellationToken) is not { } refs)
            {
                await transaction!.RollbackAsync(cancellationToken);
                return null;
            }

            bound = refs;
        }

        var command = new SubmitInquiry(
            inquiryId,
            ConsentAccepted: true,
            submission.ConsentPolicyVersion,
            key.Seal(inquiryId, submission.Email),
            keys.EmailHash(submission.Email),
            key.Seal(inquiryId, submission.CompanyName),
            submission.Phone is null ? null : key.Seal(inquiryId, submission.Phone),
            key.Seal(inquiryId, submission.Summary),
            key.Seal(inquiryId, submission.Details),
            key.Seal(inquiryId, token),
            AccessTokens.Hash(token),
            submission.Language,
            submission.RecommendationSessionId,
            bound,
            keys.SearchTokens(submission.Summary, submission.CompanyName));
        var decision = InquiryDecisions.Submit(null, command, ConsentPolicy.Current, time.GetUtcNow());
        if (decision.Error is { } error)
        {
            throw new InvalidOperationException($"A validated submission was refused: {error.Code}");
        }

        await store.AppendAsync(
            connection, transaction, inquiryId, InquirySchema.StreamType, ExpectedVersion.NoStream, [.. decision.Events], cancellationToken,
            alongside: [dataKeys.Insert(inquiryId, key)]);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        Submitted.Add(1);
        logger.LogInformation("Inquiry {InquiryId} submitted with {AttachmentCount} attachments", inquiryId, bound.Count);
        return new InquiryReceipt(inquiryId, token, "open");
    }
}
