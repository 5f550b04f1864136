using Microsoft.Extensions.Configuration;

namespace SupportPlatform.AppHost;

/// <summary>An image to run instead of the integration's official one, as <c>name:tag</c>.</summary>
public sealed record ContainerImage(string Name, string Tag)
{
    public static ContainerImage? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var colon = value.LastIndexOf(':');
        return colon > 0 && colon < value.Length - 1 && value.IndexOf('/', colon) < 0
            ? new(value[..colon], value[(colon + 1)..])
            : throw new InvalidOperationException($"ContainerImages: '{value}' is not name:tag");
    }
}

/// <summary>
/// Which images PostgreSQL and RabbitMQ run from. By default the official ones that Aspire's
/// integrations name (pulled from their registry). Where no registry is reachable, run.sh builds
/// local images from Debian's packages (deploy/images/prepare.sh) and names them here:
/// <c>ContainerImages__Postgres=local/postgres:15</c>, <c>ContainerImages__RabbitMq=local/rabbitmq:3.10</c>.
/// The support mailbox has no official image: it runs only when one is named
/// (<c>ContainerImages__Dovecot=local/dovecot:2.3</c>, which run.sh builds and names).
/// </summary>
public sealed record ContainerImages(ContainerImage? Postgres, ContainerImage? RabbitMq, ContainerImage? Dovecot)
{
    public static ContainerImages From(IConfiguration configuration) => new(
        ContainerImage.Parse(configuration["ContainerImages:Postgres"]),
        ContainerImage.Parse(configuration["ContainerImages:RabbitMq"]),
        ContainerImage.Parse(configuration["ContainerImages:Dovecot"]));
}
