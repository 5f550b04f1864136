using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace SupportPlatform.Deploy.Tests;

public sealed partial class RenderingTheKubernetesManifests
{
    public static TheoryData<string> Kustomizations => ["deploy/k8s/base", "deploy/k8s/overlays/staging", "deploy/k8s/overlays/production"];

    public static TheoryData<string> Overlays => ["deploy/k8s/overlays/staging", "deploy/k8s/overlays/production"];

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_service_of_the_AppHost_manifest_has_a_deployment_a_service_an_autoscaler_and_a_disruption_budget(string kustomization)
    {
        var manifests = Kustomize.Render(kustomization);
        foreach (var service in AppHostManifest.Current.Services)
        {
            var deployment = Single(manifests, "Deployment", service.Name);
            var podLabels = Labels(deployment.At("spec", "template", "metadata", "labels"));
            Assert.Equal(service.Name, Single(manifests, "Service", service.Name).Text("spec", "selector", "app.kubernetes.io/name"));
            Assert.True(Labels(Single(manifests, "Service", service.Name).At("spec", "selector")).All(podLabels.Contains), $"Service {service.Name} selects other pods");

            var autoscaler = Single(manifests, "HorizontalPodAutoscaler", service.Name);
            Assert.Equal(("Deployment", service.Name), (autoscaler.Text("spec", "scaleTargetRef", "kind"), autoscaler.Text("spec", "scaleTargetRef", "name")));
            var (min, max) = (int.Parse(autoscaler.Text("spec", "minReplicas")!), int.Parse(autoscaler.Text("spec", "maxReplicas")!));
            Assert.InRange(min, 1, max);
            Assert.NotEmpty(autoscaler.Items("spec", "metrics"));

            var budget = Single(manifests, "PodDisruptionBudget", service.Name);
            var selected = Labels(budget.At("spec", "selector", "matchLabels"));
            Assert.NotEmpty(selected);
            Assert.True(selected.All(podLabels.Contains), $"the PodDisruptionBudget of {service.Name} does not select its pods");
        }

        Assert.Equal(
            AppHostManifest.Current.Services.Select(s => s.Name).Order(),
            manifests.Where(m => m.Kind() == "Deployment").Select(m => m.Name()).Order());
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_deployment_is_probed_on_health_and_alive_has_resource_limits_and_runs_as_non_root(string kustomization)
    {
        var deployments = Kustomize.Render(kustomization).Where(m => m.Kind() == "Deployment").ToList();
        Assert.NotEmpty(deployments);
        foreach (var deployment in deployments)
        {
            var pod = deployment.At("spec", "template", "spec");
            Assert.Equal("true", pod.Text("securityContext", "runAsNonRoot"));
            Assert.NotEqual("0", pod.Text("securityContext", "runAsUser"));
            foreach (var container in pod.Items("containers"))
            {
                var where = $"{deployment.Name()}/{container.Text("name")}";
                Assert.True(container.Text("readinessProbe", "httpGet", "path") == "/health", $"{where}: readiness probe is not GET /health");
                Assert.True(container.Text("livenessProbe", "httpGet", "path") == "/alive", $"{where}: liveness probe is not GET /alive");
                Assert.True(container.Text("securityContext", "allowPrivilegeEscalation") == "false", $"{where}: may escalate privileges");
                Assert.NotEqual("0", container.Text("securityContext", "runAsUser") ?? "unset");

                // Sized for the < 250 MB RSS target: the limit leaves room above it, the request is below it.
                var limit = Mebibytes(container.Text("resources", "limits", "memory"), where);
                var request = Mebibytes(container.Text("resources", "requests", "memory"), where);
                Assert.InRange(limit, 250, 512);
                Assert.InRange(request, 64, limit);
                Assert.NotNull(container.Text("resources", "limits", "cpu"));
                Assert.NotNull(container.Text("resources", "requests", "cpu"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_referenced_config_map_and_secret_is_rendered_created_by_an_operator_or_documented_as_external(string kustomization)
    {
        var manifests = Kustomize.Render(kustomization);
        var configMaps = manifests.Where(m => m.Kind() == "ConfigMap").Select(m => m.Name()).ToHashSet();
        // The operators name their secrets after the cluster resources: CloudNativePG "<cluster>-app",
        // the RabbitMQ operator "<cluster>-default-user".
        var operatorSecrets = manifests.Where(m => m.Kind() == "Cluster").Select(m => m.Name() + "-app")
            .Concat(manifests.Where(m => m.Kind() == "RabbitmqCluster").Select(m => m.Name() + "-default-user"))
            .ToHashSet();
        var secrets = manifests.Where(m => m.Kind() == "Secret").Select(m => m.Name()).ToHashSet();
        var readme = Repository.Read("deploy/README.md");

        var references = manifests.Where(m => m.Kind() == "Deployment").SelectMany(d => d.Mappings()).ToList();
        var configMapNames = references.SelectMany(m => new[] { m.Text("configMapRef", "name"), m.Text("configMapKeyRef", "name") }).OfType<string>().ToList();
        var secretNames = references.SelectMany(m => new[] { m.Text("secretRef", "name"), m.Text("secretKeyRef", "name") }).OfType<string>().Distinct().ToList();

        Assert.NotEmpty(configMapNames);
        Assert.All(configMapNames, name => Assert.Contains(name, configMaps));
        Assert.Contains("supportplatform-postgres-app", secretNames);
        Assert.Contains("supportplatform-rabbitmq-default-user", secretNames);
        Assert.All(secretNames, name => Assert.True(
            secrets.Contains(name) || operatorSecrets.Contains(name) || readme.Contains($"`{name}`", StringComparison.Ordinal),
            $"Secret {name} is neither rendered, nor created by an operator for a rendered cluster, nor documented in deploy/README.md"));

        // Every key read from the external secret is documented too, so whoever creates it knows what to put in.
        var externalKeys = references
            .Where(m => m.At("secretKeyRef") is not null && !secrets.Contains(m.Text("secretKeyRef", "name")!) && !operatorSecrets.Contains(m.Text("secretKeyRef", "name")!))
            .Select(m => m.Text("secretKeyRef", "key")!).Distinct();
        Assert.All(externalKeys, key => Assert.Contains($"`{key}`", readme, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Services_find_each_other_and_use_quorum_queues_through_the_shared_configuration(string kustomization)
    {
        var config = Single(Kustomize.Render(kustomization), "ConfigMap", "platform-config").At("data");
        Assert.Equal("true", config.Text("Messaging__QuorumQueues"));
        var serviceKeys = ((YamlMappingNode)config!).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Where(k => k.StartsWith("services__", StringComparison.Ordinal));
        Assert.Equal(AppHostManifest.Current.Services.Select(s => $"services__{s.Name}__http__0").Order(), serviceKeys.Order());
        Assert.All(AppHostManifest.Current.Services, s => Assert.Equal($"http://{s.Name}", config.Text($"services__{s.Name}__http__0")));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Services_believe_forwarded_addresses_from_the_pod_network_only(string kustomization)
    {
        var config = Single(Kustomize.Render(kustomization), "ConfigMap", "platform-config").At("data");
        var network = System.Net.IPNetwork.Parse(config.Text("ForwardedHeaders__KnownNetworks__0")!);
        Assert.True(IsPrivate(network.BaseAddress),
            $"{network} is not a private network: anyone could claim any address");
    }

    private static bool IsPrivate(System.Net.IPAddress address) => address.GetAddressBytes() switch
    {
        [10, ..] => true,
        [172, >= 16 and <= 31, ..] => true,
        [192, 168, ..] => true,
        _ => false,
    };

    [Theory]
    [InlineData("deploy/k8s/base")]
    [InlineData("deploy/k8s/overlays/production")]
    public void Production_runs_three_node_rabbitmq_and_three_instance_postgresql_clusters(string kustomization)
    {
        var manifests = Kustomize.Render(kustomization);
        var rabbit = Assert.Single(manifests, m => m.Kind() == "RabbitmqCluster");
        Assert.StartsWith("rabbitmq.com/", rabbit.Text("apiVersion"), StringComparison.Ordinal);
        Assert.Equal("3", rabbit.Text("spec", "replicas"));
        // The service databases' cluster, and the shred list's own (deploy/README.md).
        var clusters = manifests.Where(m => m.Kind() == "Cluster").ToList();
        Assert.Equal(["supportplatform-postgres", "supportplatform-shredlist"], clusters.Select(c => c.Name()).Order(StringComparer.Ordinal));
        Assert.All(clusters, postgres =>
        {
            Assert.StartsWith("postgresql.cnpg.io/", postgres.Text("apiVersion"), StringComparison.Ordinal);
            Assert.Equal("3", postgres.Text("spec", "instances"));
        });
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void An_overlay_puts_everything_in_its_namespace_and_pins_every_image_to_a_tag(string overlay)
    {
        var manifests = Kustomize.Render(overlay);
        var namespaces = manifests.Select(m => m.Text("metadata", "namespace")).Distinct().ToList();
        var only = Assert.Single(namespaces);
        Assert.False(string.IsNullOrEmpty(only), $"{overlay} leaves resources without a namespace");

        var images = manifests.Where(m => m.Kind() == "Deployment")
            .SelectMany(d => d.Items("spec", "template", "spec", "containers"))
            .Select(c => c.Text("image")!)
            .ToList();
        Assert.Equal(AppHostManifest.Current.Services.Count, images.Count);
        Assert.All(images, image => Assert.Matches(PinnedImage(), image));
    }

    [Fact]
    public void Production_keeps_more_replicas_than_staging()
    {
        int MinReplicas(string overlay, string service) =>
            int.Parse(Single(Kustomize.Render(overlay), "HorizontalPodAutoscaler", service).Text("spec", "minReplicas")!);

        Assert.All(AppHostManifest.Current.Services, s => Assert.True(
            MinReplicas("deploy/k8s/overlays/production", s.Name) > MinReplicas("deploy/k8s/overlays/staging", s.Name),
            $"{s.Name}: production does not keep more replicas than staging"));
    }

    private static YamlMappingNode Single(IReadOnlyList<YamlMappingNode> manifests, string kind, string name)
    {
        var matches = manifests.Where(m => m.Kind() == kind && m.Name() == name).ToList();
        Assert.True(matches.Count == 1, $"expected one {kind} named {name}, found {matches.Count}");
        return matches[0];
    }

    private static HashSet<(string, string)> Labels(YamlNode? node) =>
        node is YamlMappingNode mapping
            ? mapping.Children.Select(pair => (((YamlScalarNode)pair.Key).Value!, ((YamlScalarNode)pair.Value).Value!)).ToHashSet()
            : [];

    private static double Mebibytes(string? quantity, string where)
    {
        Assert.False(quantity is null, $"{where}: no memory quantity");
        var match = Quantity().Match(quantity);
        Assert.True(match.Success, $"{where}: cannot read memory quantity {quantity}");
        var value = double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "Gi" => value * 1024,
            "Mi" => value,
            "G" => value * 1e9 / 1048576,
            "M" => value * 1e6 / 1048576,
            _ => value / 1048576,
        };
    }

    [GeneratedRegex(@"^([0-9.]+)(Gi|Mi|G|M)?$")]
    private static partial Regex Quantity();

    /// <summary>registry/name:tag with a tag that is not "latest".</summary>
    [GeneratedRegex(@"^[a-z0-9./-]+:(?!latest$)[A-Za-z0-9._-]+$")]
    private static partial Regex PinnedImage();
}
