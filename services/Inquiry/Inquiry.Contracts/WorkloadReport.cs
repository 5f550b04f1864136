namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// The team's workload for the operations view. <see cref="Backlog"/>: the inquiries not closed at
/// <see cref="AsOf"/>, by age since submission (<c>&lt;1d</c>, <c>1-3d</c>, <c>3-7d</c>,
/// <c>7-30d</c>, <c>&gt;=30d</c>) and status (open, answered, waiting), every pair with zeros
/// included. <see cref="Intake"/>: the inquiries submitted from <see cref="From"/> to
/// <see cref="To"/> (Korean days, both included) per Korean ISO week and category as the inquiry is
/// filed now (null: none set), oldest week first; weeks without inquiries are left out.
/// <see cref="DailyIntake"/>: the same per Korean day. Purged inquiries are no longer counted.
/// </summary>
public sealed record WorkloadReport(
    DateOnly From, DateOnly To, DateTimeOffset AsOf, IReadOnlyList<BacklogCount> Backlog, IReadOnlyList<WeeklyIntake> Intake,
    IReadOnlyList<DailyIntake> DailyIntake);

public sealed record BacklogCount(string AgeBand, string Status, long Count);

public sealed record WeeklyIntake(string Week, DateOnly Monday, string? Category, long Count);

public sealed record DailyIntake(DateOnly Day, string? Category, long Count);
