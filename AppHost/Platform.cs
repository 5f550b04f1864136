namespace SupportPlatform.AppHost;

/// <summary>What the AppHost provisioned and hands to every service it starts.</summary>
public sealed record Platform(
    string Postgres,
    string RabbitMq,
    DevSecrets Secrets,
    MailDelivery Mail,
    string SupportTeamAddress,
    IReadOnlyList<ServiceDefinition> Services)
{
    /// <summary>
    /// The environment of one child process, with Aspire's configuration keys so that an Aspire
    /// AppHost could later replace this one without touching the services.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(ServiceDefinition service)
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__postgres"] = Postgres,
            ["ConnectionStrings__rabbitmq"] = RabbitMq,
            ["ASPNETCORE_URLS"] = service.Url.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = service.Name,
            ["Auth__SigningKey"] = Secrets.SigningKey,
            // One line per log entry, so the AppHost's name prefix stays on every line.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            // Npgsql logs every command at Information: five services would bury everything else.
            ["Logging__LogLevel__Npgsql"] = "Warning",
        };
        foreach (var other in Services)
        {
            environment[$"services__{other.Name}__http__0"] = other.Url.ToString().TrimEnd('/');
        }

        foreach (var (key, value) in service.Settings?.Invoke(this) ?? [])
        {
            environment[key] = value;
        }

        return environment;
    }
}

/// <summary>
/// Where email goes: a given SMTP server (<c>Smtp__Host</c> in the AppHost's environment), else a
/// pickup folder that a developer can open.
/// </summary>
public sealed record MailDelivery(string Description, IReadOnlyList<KeyValuePair<string, string>> Settings)
{
    public static MailDelivery From(Func<string, string?> environment, string pickupDirectory)
    {
        if (environment("Smtp__Host") is { Length: > 0 } host)
        {
            var port = environment("Smtp__Port") is { Length: > 0 } given ? given : "25";
            return new($"SMTP server {host}:{port}", [new("Smtp__Host", host), new("Smtp__Port", port)]);
        }

        return new($"pickup folder {pickupDirectory}", [new("Smtp__PickupDirectory", pickupDirectory)]);
    }
}
