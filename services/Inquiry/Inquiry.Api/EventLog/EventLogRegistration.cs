using SupportPlatform.Inquiry.Contracts;
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
        app.MapGet("/api/operations/event-log", (EventLogState state) => TypedResults.Ok(state.Progress(TimeProvider.System.GetUtcNow())))
            .RequireAuthorization(StaffRoles.Admin)
            .WithTags("Operations")
            .WithName("GetEventLogProgress")
            .WithSummary("Where the integration publisher and each read model stand against the event log, as the watchdog last saw them.");
        return app;
    }
}

internal static class EventLogViews
{
    public static EventLogProgress Progress(this EventLogState state, DateTimeOffset now) => new()
    {
        StallBound = state.Settings.StallBound,
        Shards = [.. state.Shards.Select(s => new EventLogShard(
            s.Shard, s.Sequence, s.Target, s.Lag, Math.Round(s.StalledFor(now).TotalSeconds, 1), s.IsStalled(now, state.Settings.StallBound), s.RestartedAt, s.Restarts))],
    };
}
