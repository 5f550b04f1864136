using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Inquiry.EventLog;

/// <summary>The event log's watchdog, its health check, and what admins read of it.</summary>
public static class EventLogRegistration
{
    public const string HealthCheckName = "event-log";

    public static IServiceCollection AddEventLogWatchdog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(EventLogWatchSettings.From(configuration));
        services.AddSingleton<EventLogState>();
        services.AddHostedService<EventLogWatchdog>();
        services.AddHealthChecks().AddCheck<EventLogHealthCheck>(HealthCheckName);
        return services;
    }

    public static WebApplication MapEventLogApi(this WebApplication app)
    {
        app.MapGet("/api/operations/event-log", (EventLogState state) => TypedResults.Ok(EventLogView.Of(state, TimeProvider.System.GetUtcNow())))
            .RequireAuthorization(StaffRoles.Admin)
            .WithTags("Operations")
            .WithName("GetEventLogProgress")
            .WithSummary("Where the integration publisher and each read model stand against the event log, as the watchdog last saw them.");
        return app;
    }
}

/// <summary>The event log's progress as admins read it (the desk's operations page shows it).</summary>
public sealed record EventLogView(TimeSpan StallBound, IReadOnlyList<EventLogView.Shard> Shards)
{
    public sealed record Shard(string Name, long Sequence, long Target, long Lag, double StalledSeconds, bool Stalled, DateTimeOffset? RestartedAt, int Restarts);

    public static EventLogView Of(EventLogState state, DateTimeOffset now) => new(
        state.Settings.StallBound,
        [.. state.Shards.Select(s => new Shard(s.Shard, s.Sequence, s.Target, s.Lag, Math.Round(s.StalledFor(now).TotalSeconds, 1), s.IsStalled(now, state.Settings.StallBound), s.RestartedAt, s.Restarts))]);
}
