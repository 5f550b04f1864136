using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace SupportPlatform.Deploy.Tests;

/// <summary>
/// deploy/k8s is kept by hand (no Kubernetes publisher is served here): these tests hold it to the
/// AppHost's manifest, so that every resource, database, connection, setting and secret the AppHost
/// gives a service locally is given in a cluster too.
/// </summary>
public sealed class DeployingWhatTheAppHostDescribes
{
    private const string Base = "deploy/k8s/base";

    /// <summary>
    /// Variables Aspire adds for its own run (telemetry wiring, ports, non-.NET clients' forms of
    /// the references) or for local development only; a cluster sets them its own way or not at all.
    /// </summary>
    private static readonly string[] LocalOnlyPrefixes =
        ["OTEL_", "HTTP_PORTS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "ASPNETCORE_ENVIRONMENT", "POSTGRES_", "SHREDLIST_", "RABBITMQ_", "Logging__"];

    private static readonly IReadOnlyList<YamlMappingNode> Cluster = Kustomize.Render(Base);

    /// <summary>
    /// The PostgreSQL cluster a database is on: the service databases share one; the shred list has
    /// its own, so that recovering the service cluster from a backup never rolls it back.
    /// </summary>
    private static string ClusterOf(string database) => database == "shredlistdb" ? "supportplatform-shredlist" : "supportplatform-postgres";

    [Fact]
    public void Every_project_of_the_manifest_runs_as_a_deployment_behind_a_service()
    {
        var projects = AppHostManifest.Current.Projects;
        Assert.Superset(new HashSet<string> { "inquiry", "knowledge", "notification" }, projects.Select(p => p.Name).ToHashSet());
        Assert.All(projects, project =>
        {
            Assert.Contains(Cluster, m => m.Kind() == "Deployment" && m.Name() == project.Name);
            Assert.Contains(Cluster, m => m.Kind() == "Service" && m.Name() == project.Name);
        });
    }

    [Fact]
    public void Every_container_of_the_manifest_is_an_operator_run_cluster_of_the_same_name()
    {
        var containers = AppHostManifest.Current.OfType("container.v0").Select(c => c.Name).ToList();
        Assert.Equal(["postgres", "rabbitmq"], containers.Order());
        Assert.All(containers, name => Assert.Contains(Cluster, m => m.Kind() is "Cluster" or "RabbitmqCluster" && m.Name() == $"supportplatform-{name}"));
    }

    [Fact]
    public void Both_postgresql_clusters_are_backed_up_and_the_shred_list_is_its_own_cluster()
    {
        foreach (var name in new[] { "supportplatform-postgres", "supportplatform-shredlist" })
        {
            var cluster = Cluster.Single(m => m.Kind() == "Cluster" && m.Name() == name);
            Assert.NotNull(cluster.Text("spec", "backup", "barmanObjectStore", "destinationPath"));
            Assert.Contains(Cluster, m => m.Kind() == "ScheduledBackup" && m.Text("spec", "cluster", "name") == name);
        }
    }

    [Fact]
    public void Every_database_of_the_manifest_is_declared_on_the_postgresql_cluster()
    {
        var databases = AppHostManifest.Current.Databases;
        Assert.Contains("inquirydb", databases);
        Assert.All(databases, name => Assert.Contains(Cluster, m =>
            m.Kind() == "Database" && m.Text("spec", "name") == name && m.Text("spec", "cluster", "name") == ClusterOf(name)));
    }

    [Fact]
    public void Each_deployment_connects_to_the_database_and_broker_the_AppHost_connects_its_project_to()
    {
        var manifest = AppHostManifest.Current;
        foreach (var project in manifest.Projects)
        {
            var environment = EnvironmentOf(project.Name);
            foreach (var (key, expression) in project.Environment.Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
            {
                Assert.True(environment.TryGetValue(key, out var given), $"{project.Name}: the deployment sets no {key}");
                var resource = Assert.Single(AppHostManifest.ReferencedResources(expression));
                var target = manifest.Resources.GetProperty(resource);
                if (AppHostManifest.DatabaseOf(target) is { } database)
                {
                    Assert.Contains($"Host={ClusterOf(database)}-rw;", given.Value, StringComparison.Ordinal);
                    Assert.Contains($"Database={database};", given.Value, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Contains($"@supportplatform-{resource}:", given.Value, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Every_setting_the_AppHost_gives_a_project_is_given_to_its_deployment_and_every_secret_from_a_secret()
    {
        var manifest = AppHostManifest.Current;
        var secretParameters = manifest.OfType("parameter.v0")
            .Where(p => p.Resource.GetProperty("inputs").GetProperty("value").TryGetProperty("secret", out var secret) && secret.GetBoolean())
            .Select(p => p.Name)
            .ToHashSet();
        Assert.Contains("auth-signing-key", secretParameters);
        foreach (var project in manifest.Projects)
        {
            var environment = EnvironmentOf(project.Name);
            foreach (var (key, expression) in project.Environment.Where(e => !LocalOnlyPrefixes.Any(p => e.Key.StartsWith(p, StringComparison.Ordinal))))
            {
                Assert.True(environment.TryGetValue(key, out var given), $"{project.Name}: the AppHost sets {key}, the deployment does not");
                foreach (var secret in AppHostManifest.ReferencedResources(expression).Where(secretParameters.Contains))
                {
                    Assert.True(given.SecretKey == secret, $"{project.Name}: {key} must come from the secret key {secret}, not {given.SecretKey ?? "a plain value"}");
                }
            }
        }
    }

    /// <summary>The deployment's environment: its own entries, then the shared ConfigMap it loads.</summary>
    private static Dictionary<string, (string? Value, string? SecretKey)> EnvironmentOf(string deployment)
    {
        var container = Cluster.Single(m => m.Kind() == "Deployment" && m.Name() == deployment).Items("spec", "template", "spec", "containers")[0];
        var environment = container.Items("env").ToDictionary(e => e.Text("name")!, e => (e.Text("value"), e.Text("valueFrom", "secretKeyRef", "key")));
        foreach (var configMap in container.Items("envFrom").Select(e => e.Text("configMapRef", "name")).OfType<string>())
        {
            var data = Cluster.Single(m => m.Kind() == "ConfigMap" && m.Name() == configMap).At("data") as YamlMappingNode;
            foreach (var entry in data?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
            {
                environment.TryAdd(((YamlScalarNode)entry.Key).Value!, (((YamlScalarNode)entry.Value).Value, null));
            }
        }

        return environment;
    }
}
