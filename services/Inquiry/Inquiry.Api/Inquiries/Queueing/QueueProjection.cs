using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.ServiceLevels;
using SupportPlatform.Inquiry.ServiceLevels.Warning;

namespace SupportPlatform.Inquiry.Inquiries.Queueing;

/// <summary>
/// One inquiry as the agent queue lists it: status, age, assignee, the email's keyed hash (for
/// lookup by address and erasure), the sealed summary and the keyed hashes of the summary's and
/// company's words (<see cref="SearchTerms"/>; never the words). <see cref="Version"/> is the stream
/// version it reflects, which the purge compares with the stream's. <see cref="Sla"/> holds its SLA
/// targets and <see cref="DueAt"/> the next of them to run out, which the queue sorts on;
/// <see cref="WarnAt"/> when the next SLA warning falls due, which the warning sweep looks for.
/// </summary>
public sealed record QueueEntry(
    Guid Id,
    string Status,
    string? WaitingOn,
    DateTimeOffset SubmittedAt,
    DateTimeOffset LastActivityAt,
    Guid? AssigneeId,
    string? AssigneeName,
    bool AgentHasReplied,
    string EmailHash,
    string SealedSummary,
    IReadOnlyList<string> SearchTokens,
    long Version,
    Priority Priority = Priority.Normal,
    string? Category = null,
    SlaTrack? Sla = null,
    DateTimeOffset? DueAt = null,
    DateTimeOffset? WarnAt = null)
{
    public InquiryState ToState() => new(
        Id, Enum.Parse<InquiryStatus>(Status, ignoreCase: true), AssigneeId, AgentHasReplied, SubmittedAt, LastActivityAt,
        Priority: Priority, Category: Category);

    public static string StatusName(InquiryStatus status) => status.ToString().ToLowerInvariant();

    public static string? WaitingOnName(WaitingOn? waitingOn) => waitingOn?.ToString().ToLowerInvariant();
}

/// <summary>
/// The queue read model, kept by Marten's daemon from the inquiry streams. Its SLA targets are
/// measured with the service-level revision in force when each event was applied: after an admin's
/// revision, a rebuild measures the whole history again with it (and each entry names the policy revision).
/// </summary>
public sealed class QueueProjection : SingleStreamProjection<QueueEntry, Guid>
{
    private readonly SlaRulesInForce rules;

    public const string ProjectionName = "queue";

    /// <summary>The daemon's progress row of this projection.</summary>
    public const string ShardName = ProjectionName + ":All";

    public QueueProjection(SlaRulesInForce rules)
    {
        this.rules = rules;
        Name = ProjectionName;
    }

    /// <summary>Table <c>mt_doc_queue</c>; what the queue filters and sorts on are real columns.</summary>
    public static void Map(StoreOptions options) =>
        options.Schema.For<QueueEntry>()
            .DocumentAlias("queue")
            .Duplicate(q => q.Status)
            .Duplicate(q => q.LastActivityAt)
            .Duplicate(q => q.SubmittedAt)
            .Duplicate(q => q.EmailHash)
            .Duplicate(q => q.AssigneeId)
            .Duplicate(q => q.WaitingOn)
            .Duplicate(q => q.Version)
            .Duplicate(q => q.DueAt)
            .Duplicate(q => q.WarnAt)
            .Duplicate(q => q.Priority)
            // The unassigned view, by activity: a small index of only those rows, for its count and its pages.
            .Index(q => q.LastActivityAt, index =>
            {
                index.Name = "mt_doc_queue_idx_unassigned_by_activity";
                index.Predicate = "assignee_id IS NULL";
            })
            // GIN over the very expression Marten's IsSupersetOf filters on, CAST(data ->> 'searchTokens' AS jsonb) @> …
            // (a GIN on data -> 'searchTokens' or on the whole document is not used for it; checked with EXPLAIN).
            .Index(q => q.SearchTokens, index => index.Method = Weasel.Postgresql.Tables.IndexMethod.gin);

    public override QueueEntry? Evolve(QueueEntry? snapshot, Guid id, IEvent e) => (snapshot, e.Data) switch
    {
        // Only the submission carries search tokens; older submissions without them are not word-searchable.
        (null, InquirySubmitted submitted) => From(
            InquiryState.After(null, submitted)!, null, submitted.EmailHash, submitted.Summary.Cipher, submitted.SearchTokens ?? [], e.Version,
            SlaClock.After(null, submitted, rules.Current), rules.Current),
        (null, _) => null,
        (_, InquiryPurgeRecorded) => snapshot,
        (_, IInquiryEvent @event) => From(
            InquiryState.After(snapshot.ToState(), @event)!,
            @event is InquiryAssigned assigned ? assigned.AssigneeName : snapshot.AssigneeName,
            @event is ContactDetailsCorrected { EmailHash: { } corrected } ? corrected : snapshot.EmailHash,
            snapshot.SealedSummary,
            snapshot.SearchTokens ?? [],
            e.Version,
            SlaClock.After(snapshot.Sla, @event, rules.Current), rules.Current),
        _ => snapshot,
    };

    private static QueueEntry From(
        InquiryState state, string? assigneeName, string emailHash, string sealedSummary, IReadOnlyList<string> searchTokens, long version, SlaTrack? sla,
        SlaRules rules) => new(
        state.Id,
        QueueEntry.StatusName(state.Status),
        QueueEntry.WaitingOnName(state.WaitingOn),
        state.SubmittedAt,
        state.LastActivityAt,
        state.AssigneeId,
        assigneeName,
        state.AgentHasReplied,
        emailHash,
        sealedSummary,
        searchTokens,
        version,
        state.Priority,
        state.Category,
        sla,
        sla?.NextDueAt,
        sla is null ? null : SlaWarnings.NextAt(sla, rules.Calendar));
}
