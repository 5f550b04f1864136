using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using SupportPlatform.Inquiry.Domain;

namespace SupportPlatform.Inquiry.Retention;

/// <summary>
/// When an inquiry is due for purge: last business activity + the retention period of the policy
/// consented to, and whether a legal hold suspends it. <see cref="Version"/> is the stream version
/// it reflects: the purge acts only when it is current (a hold may have been placed meanwhile).
/// </summary>
public sealed record RetentionEntry(
    Guid Id,
    string PolicyVersion,
    string RetentionPeriod,
    DateTimeOffset LastBusinessActivityAt,
    DateTimeOffset Deadline,
    bool OnHold,
    long Version);

/// <summary>The retention index read model, kept by Marten's daemon from the inquiry streams.</summary>
public sealed class RetentionIndexProjection : SingleStreamProjection<RetentionEntry, Guid>
{
    public const string ProjectionName = "retention-index";

    /// <summary>The daemon's progress row of this projection.</summary>
    public const string ShardName = ProjectionName + ":All";

    public RetentionIndexProjection() => Name = ProjectionName;

    /// <summary>Table <c>mt_doc_retention</c>; the due scan reads real columns.</summary>
    public static void Map(StoreOptions options) =>
        options.Schema.For<RetentionEntry>()
            .DocumentAlias("retention")
            .Duplicate(r => r.Deadline)
            .Duplicate(r => r.OnHold);

    public override RetentionEntry? Evolve(RetentionEntry? snapshot, Guid id, IEvent e) => (snapshot, e.Data) switch
    {
        (_, ConsentGiven consent) => Entry(id, consent.PolicyVersion, consent.Retention, consent.GivenAt, onHold: false, e.Version),
        (null, _) => null,
        (_, InquiryPurgeRecorded) => snapshot,
        (_, LegalHoldPlaced) => snapshot with { OnHold = true, Version = e.Version },
        (_, LegalHoldReleased) => snapshot with { OnHold = false, Version = e.Version },
        (_, IInquiryEvent @event) when BusinessActivityAt(@event) is { } at =>
            Entry(id, snapshot.PolicyVersion, snapshot.RetentionPeriod, at, snapshot.OnHold, e.Version),
        (_, IInquiryEvent) => snapshot with { Version = e.Version },
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

    private static RetentionEntry Entry(Guid id, string policyVersion, string period, DateTimeOffset lastActivity, bool onHold, long version) =>
        new(id, policyVersion, period, lastActivity, Domain.RetentionPeriod.Deadline(lastActivity, period), onHold, version);
}
