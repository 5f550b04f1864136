using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries.Prioritising;
using SupportPlatform.Inquiry.ServiceLevels;

namespace SupportPlatform.Inquiry.Inquiries.Reporting;

/// <summary>
/// How one inquiry's first response and resolution went, in business minutes of the SLA calendar,
/// for the operations view: when each was completed, how long it took (the time its target used,
/// so the customer's turns do not count) and whether the target was met. Resolution is unset again
/// while a reopened inquiry is open. Per agent, the first response counts for the agent whose reply
/// made it, the resolution for the agent who answered last (as the ratings do); a name is kept beside
/// the id, as the ratings read model keeps it. <see cref="NextResponses"/> are the completed responses
/// owed after a customer's follow-up or a reopening, oldest first; <see cref="LastNextRespondedAt"/>
/// (the latest of them) is a column, so a report finds the inquiries with one in its period by index.
/// Deleted with the inquiry.
/// </summary>
public sealed record ResponseTime(
    Guid Id,
    string Priority,
    SlaTrack Track,
    DateTimeOffset? FirstRespondedAt = null,
    int? FirstResponseMinutes = null,
    bool? FirstResponseMet = null,
    DateTimeOffset? ResolvedAt = null,
    int? ResolutionMinutes = null,
    bool? ResolutionMet = null,
    Guid? FirstResponderId = null,
    string? FirstResponderName = null,
    Guid? LastResponderId = null,
    string? LastResponderName = null,
    IReadOnlyList<NextResponseTime>? NextResponses = null,
    DateTimeOffset? LastNextRespondedAt = null);

/// <summary>
/// One next response: when it was completed, the business minutes its target used, whether that was
/// met, and the agent whose reply made it (none when closing completed it).
/// </summary>
public sealed record NextResponseTime(DateTimeOffset StartedAt, DateTimeOffset CompletedAt, int Minutes, bool Met, Guid? AgentId, string? AgentName);

/// <summary>The response-time read model (<c>mt_doc_response_time</c>), measured with the same rules as the queue's due times.</summary>
public sealed class ResponseTimeProjection : SingleStreamProjection<ResponseTime, Guid>
{
    public const string ProjectionName = "response-time";

    private readonly SlaRulesInForce rules;

    public ResponseTimeProjection(SlaRulesInForce rules)
    {
        this.rules = rules;
        Name = ProjectionName;
    }

    public static void Map(StoreOptions options) =>
        options.Schema.For<ResponseTime>()
            .DocumentAlias("response_time")
            .Duplicate(r => r.FirstRespondedAt)
            .Duplicate(r => r.ResolvedAt)
            .Duplicate(r => r.LastNextRespondedAt);

    public override ResponseTime? Evolve(ResponseTime? snapshot, Guid id, IEvent e)
    {
        if (e.Data is not IInquiryEvent @event || @event is InquiryPurgeRecorded || SlaClock.After(snapshot?.Track, @event, rules.Current) is not { } track)
        {
            return snapshot;
        }

        var measured = From(id, track);
        var reply = @event as AgentReplied;
        // The reply that completed the first response names its agent; a close without a reply names nobody.
        var (firstId, firstName) = snapshot?.FirstRespondedAt is not null ? (snapshot.FirstResponderId, snapshot.FirstResponderName)
            : measured.FirstRespondedAt is not null && reply is not null ? (reply.AgentId, reply.AgentName)
            : ((Guid?)null, (string?)null);
        var (lastId, lastName) = reply is not null ? (reply.AgentId, reply.AgentName) : (snapshot?.LastResponderId, snapshot?.LastResponderName);
        var nextResponses = NextResponsesAfter(snapshot?.NextResponses ?? [], track, reply);
        return measured with
        {
            FirstResponderId = firstId, FirstResponderName = firstName, LastResponderId = lastId, LastResponderName = lastName,
            NextResponses = nextResponses, LastNextRespondedAt = nextResponses.Count == 0 ? null : nextResponses.Max(n => n.CompletedAt),
        };
    }

    /// <summary>
    /// The completed next-response targets, those already recorded as they were (a completed target
    /// never changes) and the ones this event completed, named after the reply that did.
    /// </summary>
    public static IReadOnlyList<NextResponseTime> NextResponsesAfter(IReadOnlyList<NextResponseTime> recorded, SlaTrack track, AgentReplied? reply) =>
    [
        .. track.Targets
            .Where(t => t.Kind == SlaTargetKind.NextResponse && t.CompletedAt is not null)
            .Select(t => recorded.FirstOrDefault(r => r.StartedAt == t.StartedAt)
                ?? new NextResponseTime(t.StartedAt, t.CompletedAt!.Value, (int)t.Used.TotalMinutes, t.WasMet, reply?.AgentId, reply?.AgentName)),
    ];

    public static ResponseTime From(Guid id, SlaTrack track)
    {
        var first = track.Targets.FirstOrDefault(t => t.Kind == SlaTargetKind.FirstResponse && t.CompletedAt is not null);
        var resolution = track.Targets.LastOrDefault(t => t.Kind == SlaTargetKind.Resolution);
        var resolved = resolution?.CompletedAt is null ? null : resolution;
        return new ResponseTime(
            id,
            Prioritise.NameOf(track.Priority),
            track,
            first?.CompletedAt,
            first is null ? null : (int)first.Used.TotalMinutes,
            first?.WasMet,
            resolved?.CompletedAt,
            resolved is null ? null : (int)resolved.Used.TotalMinutes,
            resolved?.WasMet);
    }
}
