using SupportPlatform.Inquiry.ServiceLevels.Rebuilding;
using SupportPlatform.Inquiry.ServiceLevels.Revising;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Inquiry.ServiceLevels;

/// <summary>The SLA rules in force, their revisions, the rebuilds that apply them to the past, and the admins' API for them.</summary>
public static class ServiceLevelsRegistration
{
    public static IServiceCollection AddServiceLevelRevisions(this IServiceCollection services)
    {
        // The configuration's rules until the start has put the latest revision in force (ServiceLevelRevisionsOnStart).
        services.AddSingleton(sp => new SlaRulesInForce(SlaConfiguration.Read(sp.GetRequiredService<IConfiguration>())));
        // Whoever asks for the rules gets those in force at that moment.
        services.AddTransient(sp => sp.GetRequiredService<SlaRulesInForce>().Current);
        services.AddSingleton<ServiceLevelRevisions>();
        services.AddSingleton<ReadModelRebuilds>();
        services.AddHostedService<ReadModelRebuilder>();
        return services;
    }

    public static WebApplication MapServiceLevelsApi(this WebApplication app)
    {
        app.MapGroup("/api/operations/service-levels")
            .RequireAuthorization(StaffRoles.Admin)
            .WithTags("Operations")
            .MapReviseServiceLevels()
            .MapRebuildReadModels();
        return app;
    }
}
