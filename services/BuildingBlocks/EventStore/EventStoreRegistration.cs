using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace SupportPlatform.EventStore;

public static class EventStoreRegistration
{
    /// <summary>Registers the store of one service (its schema and event types) over the registered data source.</summary>
    public static IServiceCollection AddEventStore(this IServiceCollection services, string schema, EventTypes types)
    {
        services.AddSingleton(sp => new EventStore(sp.GetRequiredService<NpgsqlDataSource>(), types, sp.GetRequiredService<TimeProvider>(), schema));
        return services;
    }

    public static IServiceCollection AddProjection<TProjection>(this IServiceCollection services) where TProjection : class, IProjection
    {
        services.AddSingleton<IProjection, TProjection>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ProjectionWorker>());
        return services;
    }

    public static IServiceCollection AddEventLogPublisher<TMapper>(this IServiceCollection services) where TMapper : class, IIntegrationEventMapper
    {
        services.AddSingleton<IIntegrationEventMapper, TMapper>();
        services.AddHostedService<EventLogPublisherService>();
        return services;
    }
}
