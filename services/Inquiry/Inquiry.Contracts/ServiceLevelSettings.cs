namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// <c>GET/PUT /api/operations/service-levels</c> (admins): the SLA policy and the calendar's dated
/// exceptions in force, as one numbered revision. The ETag is <see cref="Revision"/>; a save names
/// it in If-Match and makes the next revision.
/// </summary>
/// <param name="Revision">The revision's number: 1 is the configuration's, each save adds one.</param>
/// <param name="Name">The policy revision every figure measured with it carries (<c>policyRevision</c>).</param>
/// <param name="Targets">One row per priority: low, normal, high, urgent.</param>
/// <param name="Exceptions">Closures and extra working days, by date.</param>
/// <param name="RevisedBy">The admin's staff id; null for a revision taken from configuration.</param>
/// <param name="RevisedAt">When it was saved.</param>
public sealed record ServiceLevelSettings(
    int Revision, string Name, IReadOnlyList<PriorityTargets> Targets, IReadOnlyList<CalendarExceptionView> Exceptions, Guid? RevisedBy, DateTimeOffset RevisedAt);

/// <summary>The business minutes allowed for one priority's first response, each next response, and the resolution.</summary>
public sealed record PriorityTargets(string Priority, int FirstResponseMinutes, int NextResponseMinutes, int ResolutionMinutes);

/// <summary>A closure (no <see cref="Start"/>/<see cref="End"/>) or an extra working day with its hours, in Seoul time.</summary>
public sealed record CalendarExceptionView(DateOnly Date, string Reason, TimeOnly? Start = null, TimeOnly? End = null);

/// <summary><c>GET /api/operations/service-levels/revisions</c>: every revision, newest first, each with what it changed.</summary>
public sealed record ServiceLevelHistory(IReadOnlyList<ServiceLevelRevision> Revisions);

/// <param name="Revision">The revision's number.</param>
/// <param name="Name">Its policy revision name.</param>
/// <param name="RevisedBy">The admin's staff id; null for configuration.</param>
/// <param name="RevisedAt">When it was saved.</param>
/// <param name="Changes">What differs from the revision before it (all of it for the first).</param>
public sealed record ServiceLevelRevision(int Revision, string Name, Guid? RevisedBy, DateTimeOffset RevisedAt, IReadOnlyList<ServiceLevelChange> Changes);

/// <summary>
/// One changed item: a target (<c>urgent.first-response</c>, minutes) or a calendar date
/// (<c>2026-06-03</c>, "closed: reason" or "10:00–14:00: reason"); null before = added, null after = removed.
/// </summary>
public sealed record ServiceLevelChange(string Item, string? Before, string? After);

/// <summary>
/// <c>GET /api/operations/service-levels/rebuilds</c>: the last rebuild of the SLA read models an
/// admin asked for, and how far each read model is against the event log.
/// </summary>
/// <param name="Last">The last rebuild asked for, or null when none was.</param>
/// <param name="ReadModels">The queue and response-time read models: their position and the high-water mark.</param>
public sealed record ReadModelRebuildStatus(ReadModelRebuild? Last, IReadOnlyList<ReadModelPosition> ReadModels);

/// <param name="Id">The rebuild's id.</param>
/// <param name="Revision">The service-level revision in force when it was asked for.</param>
/// <param name="RequestedBy">The admin's staff id.</param>
/// <param name="State">waiting, running, finished or failed.</param>
/// <param name="Failure">Why it failed (the error's kind, no data), when it did.</param>
public sealed record ReadModelRebuild(
    Guid Id, int Revision, Guid RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string State, string? Failure);

/// <param name="Name">The read model (queue, response-time).</param>
/// <param name="Sequence">The last event it has applied.</param>
/// <param name="HighWaterMark">The last event it can apply.</param>
public sealed record ReadModelPosition(string Name, long Sequence, long HighWaterMark);
