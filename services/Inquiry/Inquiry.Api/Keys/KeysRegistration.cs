using SupportPlatform.Inquiry.Keys.Rotating;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Inquiry.Keys;

/// <summary>Key rotation: the master key's re-wrap, the lookup key's re-hash, their job, and the status admins read.</summary>
public static class KeysRegistration
{
    public static IServiceCollection AddKeyRotation(this IServiceCollection services)
    {
        services.AddSingleton<MasterKeyRewrap>();
        services.AddSingleton<LookupKeyRehash>();
        services.AddSingleton<KeyRotation>();
        services.AddHostedService<KeyRotationJob>();
        return services;
    }

    public static WebApplication MapKeysApi(this WebApplication app)
    {
        app.MapGet("/api/operations/keys", async (KeyRotation rotation, CancellationToken cancellationToken) => TypedResults.Ok(await rotation.StatusAsync(cancellationToken)))
            .RequireAuthorization(StaffRoles.Admin)
            .WithTags("Operations")
            .WithName("GetKeyRotationStatus")
            .WithSummary("Which master keys wrap how many data keys and which lookup keys hashed how many inquiries, how much the re-wrap and the re-hash to the current keys have left, and which other keys can be removed.");
        return app;
    }
}
