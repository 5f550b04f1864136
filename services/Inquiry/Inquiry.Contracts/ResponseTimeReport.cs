namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// First-response and resolution times from <see cref="From"/> to <see cref="To"/> (Korean days,
/// both included), per Korean ISO week of completion and priority (low, normal, high, urgent), in
/// business minutes of the SLA calendar: the time the target used, so a resolution does not count
/// the customer's turns. Only weeks and priorities with something completed are listed.
/// <see cref="Agents"/> gives the same figures for the whole period per agent: the first response
/// for the agent whose reply made it, the resolution for the agent who answered last, a next response
/// (owed after a customer's follow-up or a reopening) for the agent whose reply made it.
/// </summary>
public sealed record ResponseTimeReport(DateOnly From, DateOnly To, IReadOnlyList<ResponseTimeRow> Rows, IReadOnlyList<AgentResponseTimes> Agents);

/// <summary>One agent's first responses and resolutions completed in the period; a null agent: closed before any reply.</summary>
public sealed record AgentResponseTimes(Guid? AgentId, string? AgentName, TimeFigures FirstResponse, TimeFigures Resolution, TimeFigures NextResponse);

/// <summary>One week and priority: the first responses, resolutions and next responses completed in it.</summary>
public sealed record ResponseTimeRow(string Week, DateOnly Monday, string Priority, TimeFigures FirstResponse, TimeFigures Resolution, TimeFigures NextResponse);

/// <summary>
/// How many were completed, the median and 90th percentile of their business minutes (linear
/// interpolation; null when none) and how many met their SLA target.
/// </summary>
public sealed record TimeFigures(long Count, double? MedianMinutes, double? P90Minutes, long Met);
