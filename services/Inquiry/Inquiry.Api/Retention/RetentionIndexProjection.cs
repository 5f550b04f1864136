using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using SupportPlatform.Inquiry.Domain;

namespace SupportPlatform.Inquiry.Retention;

/// <summary>
/// When an inquiry is due for purge: last business activity + the retention period of the policy
/// consented to, and whether a legal hold suspends it.
/// </summary>
public sealed record RetentionEntry(
    Guid Id,
    string PolicyVersion,
    string RetentionPeriod,
    DateTimeOffset LastBusinessActivityAt,
    DateTimeOffset Deadline,
    bool OnHold);

/// <summary>The retention index read model, kept by Marten's daemon from the inquiry streams.</summary>
public sealed class RetentionIndexProjection : SingleStreamProjection<RetentionEntry, Guid>
{
    public const string ProjectionName = "retention-index";

    public RetentionIndexProjection() => Name = ProjectionName;

    /// <summary>Table <c>mt_doc_retention</c>; the due scan reads real columns.</summary>
    public static void Map(StoreOptions options) =>
        options.Schema.For<RetentionEntry>()
            .DocumentAlias("retention")
            .Duplicate(r => r.Deadline)
            .Duplicate(r => r.OnHold);

    public override RetentionEntry? Evolve(RetentionEntry? snapshot, Guid id, IEvent e) => (snapshot, e.Data) switch
    {
        (_, ConsentGiven consent) => Entry(id, consent.PolicyVersion, consent.Retention, consent.GivenAt, onHold: false),
        (null, _) => null,
        (_, LegalHoldPlaced) => snapshot with { OnHold = true },
        (_, LegalHoldReleased) => snapshot with { OnHold = false },
        (_, IInquiryEvent @event) when BusinessActivityAt(@event) is { } at =>
            Entry(id, snapshot.PolicyVersion, snapshot.RetentionPeriod, at, snapshot.OnHold),
        _ => snapshot,
    };

    /// <summary>Compliance actions (legal holds) and notes do not move the retention clock; conversation and closing do.</summary>
    public static DateTimeOffset? BusinessActivityAt(IInquiryEvent @event) => @event switch
    {
        InquirySubmitted e => e.SubmittedAt,
        AgentReplied e => e.RepliedAt,
        CustomerReplied e => e.RepliedAt,
        InquiryClosed e => e.ClosedAt,
        _ => null,
    };

    private static RetentionEntry Entry(Guid id, string policyVersion, string period, DateTimeOffset lastActivity, bool onHold) =>
        new(id, policyVersion, period, lastActivity, Domain.RetentionPeriod.Deadline(lastActivity, period), onHold);
}
