namespace SupportPlatform.Agent.Live.Watching;

/// <summary>What a member is doing on an inquiry page.</summary>
public static class Activities
{
    public const string Viewing = "viewing";
    public const string Typing = "typing";
    public const string Left = "left";

    public static bool IsSettable(string? activity) => activity is Viewing or Typing;
}

/// <summary>
/// One open inquiry page, announced by the desk replica that serves its event stream to every
/// replica (a desk-internal message: no other service reads it). Staff id only: each replica reads
/// the display name from its own staff table. Re-announced every <see cref="PresenceRules.Heartbeat"/>,
/// so the pages of a replica that died fade out after <see cref="PresenceRules.Expiry"/>.
/// </summary>
public sealed record DeskPresence
{
    public required Guid InquiryId { get; init; }

    public required Guid ConnectionId { get; init; }

    public required Guid StaffId { get; init; }

    public required string Activity { get; init; }

    public required DateTimeOffset At { get; init; }
}

/// <summary>One page's last announcement, as a replica keeps it.</summary>
public sealed record PagePresence(Guid StaffId, string Activity, DateTimeOffset SeenAt);

/// <summary>One colleague shown on an inquiry page.</summary>
public sealed record Colleague(Guid StaffId, string Activity);

public static class PresenceRules
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>Three missed heartbeats: the page (or its replica) is gone.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(45);

    /// <summary>
    /// The others on an inquiry page, for the member <paramref name="me"/>: one line per colleague
    /// (several tabs count once), "typing" over "viewing", expired pages and the member's own left out,
    /// in a stable order.
    /// </summary>
    public static IReadOnlyList<Colleague> Others(IEnumerable<PagePresence> pages, Guid me, DateTimeOffset now) =>
        [.. pages
            .Where(p => p.StaffId != me && now - p.SeenAt < Expiry && p.Activity != Activities.Left)
            .GroupBy(p => p.StaffId)
            .Select(g => new Colleague(g.Key, g.Any(p => p.Activity == Activities.Typing) ? Activities.Typing : Activities.Viewing))
            .OrderBy(c => c.StaffId)];
}
