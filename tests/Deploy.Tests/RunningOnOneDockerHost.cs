using System.Text.RegularExpressions;
using Npgsql;

namespace SupportPlatform.Deploy.Tests;

/// <summary>
/// deploy/compose.yaml against the AppHost's manifest: the same configuration keys, each service on
/// its own database of the one PostgreSQL server, and no connection or secret where the AppHost gives none.
/// </summary>
public sealed partial class RunningOnOneDockerHost
{
    private const string ComposeFile = "deploy/compose.yaml";

    private static readonly Dictionary<object, object> Services = (Dictionary<object, object>)Yaml.WithMerges(Repository.Read(ComposeFile))["services"];

    [Fact]
    public void Compose_gives_every_service_the_same_aspire_style_configuration_as_the_AppHost()
    {
        foreach (var service in AppHostManifest.Current.Services)
        {
            var environment = EnvironmentOf(service.Name);
            Assert.Equal(service.Name, environment["OTEL_SERVICE_NAME"]);
            Assert.All(AppHostManifest.Current.Services, other => Assert.Equal($"http://{other.Name}:8080", environment[$"services__{other.Name}__http__0"]));
        }
    }

    [Fact]
    public void Each_service_gets_exactly_the_connections_and_signing_key_the_AppHost_gives_it()
    {
        foreach (var project in AppHostManifest.Current.Projects)
        {
            var given = EnvironmentOf(project.Name).Keys.Where(IsConnectionOrSigningKey).Order(StringComparer.Ordinal);
            var expected = project.Environment.Keys.Where(IsConnectionOrSigningKey).Order(StringComparer.Ordinal);
            Assert.True(expected.SequenceEqual(given), $"{project.Name}: the AppHost sets [{string.Join(", ", expected)}], compose [{string.Join(", ", given)}]");
        }
    }

    [Fact]
    public void Each_service_connects_to_its_own_database_and_to_the_broker_as_the_AppHost_connects_it()
    {
        var manifest = AppHostManifest.Current;
        foreach (var project in manifest.Projects)
        {
            var environment = EnvironmentOf(project.Name);
            foreach (var (key, expression) in project.Environment.Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
            {
                var resource = Assert.Single(AppHostManifest.ReferencedResources(expression));
                if (AppHostManifest.DatabaseOf(manifest.Resources.GetProperty(resource)) is { } database)
                {
                    var connection = new NpgsqlConnectionStringBuilder(WithoutVariables(environment[key]));
                    Assert.Equal(("postgres", database), (connection.Host, connection.Database));
                }
                else
                {
                    Assert.Contains($"@{resource}:", environment[key], StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void The_postgresql_container_creates_every_database_of_the_AppHost_and_no_other()
    {
        var postgres = (Dictionary<object, object>)Services["postgres"];
        var initScripts = ((List<object>)postgres["volumes"]).Cast<string>()
            .Select(volume => volume.Split(':'))
            .Where(parts => parts.Length >= 2 && parts[1].StartsWith("/docker-entrypoint-initdb.d/", StringComparison.Ordinal))
            .Select(parts => Path.GetFullPath(Path.Combine(Repository.PathOf("deploy"), parts[0])))
            .ToList();

        var created = initScripts.SelectMany(script => CreateDatabase().Matches(File.ReadAllText(script)).Select(m => m.Groups["name"].Value));

        Assert.NotEmpty(initScripts);
        Assert.Equal(AppHostManifest.Current.Databases.Order(StringComparer.Ordinal), created.Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> EnvironmentOf(string service) =>
        ((Dictionary<object, object>)((Dictionary<object, object>)Services[service])["environment"])
            .ToDictionary(pair => (string)pair.Key, pair => (string)pair.Value);

    private static bool IsConnectionOrSigningKey(string key) =>
        key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || key == "Auth__SigningKey";

    /// <summary>Compose fills <c>${VARIABLE:?message}</c> from deploy/.env; any value parses the same.</summary>
    private static string WithoutVariables(string value) => Variable().Replace(value, "value");

    [GeneratedRegex(@"\$\{[^}]*\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^\s*CREATE DATABASE (?<name>[a-z0-9_]+);", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex CreateDatabase();
}
