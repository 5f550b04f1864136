namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// One SLA target of an inquiry crossed a warning threshold: Notification emails the assignee (the
/// support team when nobody is assigned) once per inquiry, target and threshold, with the inquiry
/// number and a desk link only. Ids and times only: <see cref="Target"/> (<see cref="SlaTargetNames"/>)
/// and <see cref="TargetStartedAt"/> name the target, <see cref="Threshold"/> (<see cref="SlaThresholds"/>)
/// which warning it is, <see cref="AssigneeId"/> the staff member the inquiry was assigned to then.
/// </summary>
public sealed record SlaWarningRaised
{
    public required Guid InquiryId { get; init; }

    public required string Target { get; init; }

    public required DateTimeOffset TargetStartedAt { get; init; }

    public required string Threshold { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>The assignee's staff id (the desk's account), whose address Notification asks the desk for; null when unassigned.</summary>
    public Guid? AssigneeId { get; init; }
}

/// <summary>The SLA targets, as the agent view names them too (<see cref="SlaTargetView.Kind"/>).</summary>
public static class SlaTargetNames
{
    public const string FirstResponse = "first-response";
    public const string NextResponse = "next-response";
    public const string Resolution = "resolution";

    public static readonly IReadOnlyList<string> All = [FirstResponse, NextResponse, Resolution];
}

/// <summary>The two warnings of a target.</summary>
public static class SlaThresholds
{
    /// <summary>80 % of the target's business time is used.</summary>
    public const string Approaching = "approaching";

    /// <summary>The target's due time has passed.</summary>
    public const string Breached = "breached";

    public static readonly IReadOnlyList<string> All = [Approaching, Breached];
}
