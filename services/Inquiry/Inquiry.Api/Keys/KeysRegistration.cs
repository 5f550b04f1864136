using SupportPlatform.Inquiry.Keys.Rotating;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Inquiry.Keys;

/// <summary>Master key rotation: the re-wrap, its job, and the status admins read.</summary>
public static class KeysRegistration
{
    public static IServiceCollection AddKeyRotation(this IServiceCollection services)
    {
        services.AddSingleton<MasterKeyRewrap>();
        services.AddHostedService<MasterKeyRewrapJob>();
        return services;
    }

    public static WebApplication MapKeysApi(this WebApplication app)
    {
        app.MapGet("/api/operations/keys", async (MasterKeyRewrap rewrap, CancellationToken cancellationToken) => TypedResults.Ok(await rewrap.StatusAsync(cancellationToken)))
            .RequireAuthorization(StaffRoles.Admin)
            .WithTags("Operations")
            .WithName("GetKeyRotationStatus")
            .WithSummary("Which master keys wrap how many data keys, how much the re-wrap to the current key has left, and which other keys can be removed.");
        return app;
    }
}
