using Microsoft.Extensions.Configuration;

namespace SupportPlatform.AppHost;

/// <summary>The few choices Program.cs makes the same way for several resources.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>
    /// The fixed host port a person types (README), unless <c>Platform:FixedPorts=false</c> (tests,
    /// a second run beside a first): then Aspire picks a free one.
    /// </summary>
    public static int? HostPort(this IDistributedApplicationBuilder builder, int port) =>
        builder.Configuration.GetValue("Platform:FixedPorts", true) ? port : null;

    /// <summary>How many instances of a service run (<c>Replicas:inquiry=2</c>); one by default.</summary>
    public static int Replicas(this IDistributedApplicationBuilder builder, string service) =>
        Math.Max(1, builder.Configuration.GetValue($"Replicas:{service}", 1));

    /// <summary>A locally built image, never pulled, when one is configured; else the integration's own.</summary>
    public static IResourceBuilder<T> WithImageOf<T>(this IResourceBuilder<T> container, ContainerImage? image) where T : ContainerResource =>
        image is null
            ? container
            : container.WithImage(image.Name, image.Tag).WithImageRegistry(null).WithImagePullPolicy(ImagePullPolicy.Never);

    /// <summary>
    /// Data in a named volume, so a restart keeps it; tests run without (<c>Platform:KeepData=false</c>).
    /// The official PostgreSQL 18 image keeps its data under /var/lib/postgresql; a PostgreSQL 15
    /// image (the local one) under /var/lib/postgresql/data, its declared volume, which would
    /// otherwise shadow the named one.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> WithDataVolumeWhen(
        this IResourceBuilder<PostgresServerResource> postgres, bool keep, string name, ContainerImage? image) =>
        !keep ? postgres
        : image is null ? postgres.WithDataVolume(name)
        : postgres.WithVolume(name, "/var/lib/postgresql/data");

    /// <inheritdoc cref="WithDataVolumeWhen(IResourceBuilder{PostgresServerResource}, bool, string, ContainerImage?)"/>
    public static IResourceBuilder<RabbitMQServerResource> WithDataVolumeWhen(this IResourceBuilder<RabbitMQServerResource> rabbitMq, bool keep, string name) =>
        keep ? rabbitMq.WithDataVolume(name) : rabbitMq;

    /// <summary>
    /// What every service gets: its http endpoint on <paramref name="port"/> (behind Aspire's proxy,
    /// so replicas share it; launch profiles are not used, so the AppHost alone decides), the
    /// staff-token signing key (for services that check staff tokens), and a health check on <c>/health</c> that the dashboard shows and
    /// <c>WaitFor</c> waits on.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceDefaults(
        this IResourceBuilder<ProjectResource> project, int? port, IResourceBuilder<ParameterResource>? signingKey)
    {
        if (signingKey is not null)
        {
            project.WithEnvironment("Auth__SigningKey", signingKey);
        }

        project
            .WithHttpEndpoint(port: port, name: "http")
            // Npgsql logs every command at Information: it would bury everything else.
            .WithEnvironment("Logging__LogLevel__Npgsql", "Warning")
            .WithHttpHealthCheck("/health");
        return project.ApplicationBuilder.ExecutionContext.IsRunMode
            ? project.WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            : project;
    }

    /// <summary>
    /// A secret parameter whose value, in a local run, is <paramref name="localValue"/>; the
    /// manifest names it without a value, for the deployment to supply.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddSecret(this IDistributedApplicationBuilder builder, string name, string localValue) =>
        builder.AddParameter(name, localValue, publishValueAsDefault: false, secret: true);
}
