using Marten;
using Npgsql;
using SupportPlatform.Inquiry.Attachments;
using SupportPlatform.Inquiry.Consent;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.Submitting;

/// <summary>
/// Stores a submission: the bound attachments, the stream (consent first) and the new data key
/// commit in one transaction, so either the whole inquiry exists or nothing of it does. Without
/// attachments that is one <c>SaveChanges</c>: the stream, its events and the key row travel in
/// one batch and one round trip.
/// </summary>
public sealed class InquirySubmissions(
    NpgsqlDataSource dataSource,
    IDocumentStore store,
    InquiryCommands commands,
    DataKeyStore dataKeys,
    AttachmentStore attachments,
    PersonalDataKeys keys,
    ILogger<InquirySubmissions> logger)
{
    private static readonly System.Diagnostics.Metrics.Counter<long> Submitted =
        ServiceDefaults.Telemetry.Meter.CreateCounter<long>("inquiry.submitted", "{inquiry}", "Inquiries received (consent given, stored)");

    /// <summary>The receipt, or null when an attachment could not be bound (nothing stored then).</summary>
    public async Task<InquiryReceipt?> SubmitAsync(ValidSubmission submission, CancellationToken cancellationToken)
    {
        var inquiryId = Guid.CreateVersion7();
        var key = DataKey.New();
        var token = AccessTokens.Derive(key, inquiryId);

        // Attachments are bound (locked, re-keyed) by our own statements, so the session joins a
        // transaction of ours; without them Marten opens and commits its own.
        await using var connection = submission.AttachmentIds.Count > 0 ? await dataSource.OpenConnectionAsync(cancellationToken) : null;
        await using var transaction = connection is null ? null : await connection.BeginTransactionAsync(cancellationToken);

        IReadOnlyList<AttachmentRef> bound = [];
        if (transaction is not null)
        {
            if (await attachments.AttachToInquiryAsync(connection!, transaction, inquiryId, key, submission.AttachmentIds, cancellationToken) is not { } refs)
            {
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }

            bound = refs;
        }

        var command = new SubmitInquiry(
            inquiryId,
            ConsentAccepted: true,
            submission.ConsentPolicyVersion,
            key.Seal(inquiryId, submission.Email),
            keys.LookupKeys.EmailHash(submission.Email),
            key.Seal(inquiryId, submission.CompanyName),
            submission.Phone is null ? null : key.Seal(inquiryId, submission.Phone),
            key.Seal(inquiryId, submission.Summary),
            key.Seal(inquiryId, submission.Details),
            AccessTokens.Hash(token),
            submission.Language,
            submission.RecommendationSessionId,
            bound,
            keys.LookupKeys.SearchTokens(submission.Summary, submission.CompanyName));

        await using var session = transaction is null
            ? null
            : store.OpenTracedSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
        var outcome = await commands.ExecuteAsync(
            inquiryId,
            Expect.NewStream,
            (_, now) => InquiryDecisions.Submit(null, command, ConsentPolicy.Current, now),
            cancellationToken,
            alongside: s => dataKeys.Insert(s, inquiryId, key),
            session);
        if (outcome is not CommandOutcome.Accepted)
        {
            throw new InvalidOperationException($"A validated submission was refused: {outcome}");
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        Submitted.Add(1);
        logger.LogInformation("Inquiry {InquiryId} submitted with {AttachmentCount} attachments", inquiryId, bound.Count);
        return new InquiryReceipt(inquiryId, token, "open");
    }
}
