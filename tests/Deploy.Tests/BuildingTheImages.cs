namespace SupportPlatform.Deploy.Tests;

public sealed class BuildingTheImages
{
    private const string Dockerfile = "deploy/docker/service.Dockerfile";
    private static readonly string[] Infrastructure = ["postgres", "rabbitmq", "mailpit"];

    [Fact]
    public void The_dockerfile_builds_with_the_sdk_and_runs_on_the_aspnet_runtime_as_a_non_root_user()
    {
        var lines = Instructions(Repository.Read(Dockerfile));
        var stages = lines.Where(l => l.Instruction == "FROM").Select(l => l.Arguments).ToList();
        Assert.True(stages.Count >= 2, "not a multi-stage build");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", stages[^1], StringComparison.Ordinal);

        var finalStage = lines.SkipWhile(l => !(l.Instruction == "FROM" && l.Arguments == stages[^1])).ToList();
        var user = finalStage.LastOrDefault(l => l.Instruction == "USER").Arguments;
        Assert.False(user is null or "root" or "0" || user.StartsWith("0:", StringComparison.Ordinal), $"the runtime stage runs as '{user ?? "root (no USER)"}'");
        Assert.Contains(finalStage, l => l.Instruction == "ENTRYPOINT");
    }

    [Fact]
    public void Everything_the_dockerfile_copies_from_the_repository_exists()
    {
        var sources = Instructions(Repository.Read(Dockerfile))
            .Where(l => l.Instruction == "COPY" && !l.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(l => l.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(
            File.Exists(Repository.PathOf(source)) || Directory.Exists(Repository.PathOf(source)),
            $"{Dockerfile} copies {source}, which is not in the repository"));
    }

    [Fact]
    public void Compose_builds_every_service_of_the_AppHost_manifest_from_its_project()
    {
        var services = (Dictionary<object, object>)Yaml.WithMerges(Repository.Read("deploy/compose.yaml"))["services"];
        Assert.Equal(
            AppHostManifest.Current.Services.Select(s => s.Name).Concat(Infrastructure).Order(),
            services.Keys.Cast<string>().Order());

        foreach (var service in AppHostManifest.Current.Services)
        {
            var compose = (Dictionary<object, object>)services[service.Name];
            var build = (Dictionary<object, object>)compose["build"];
            var arguments = (Dictionary<object, object>)build["args"];
            Assert.Equal("deploy/docker/service.Dockerfile", build["dockerfile"]);
            Assert.Equal(service.ProjectPath, arguments["PROJECT"]);

            var project = Repository.PathOf(service.ProjectPath);
            var expectedAssembly = File.Exists(project)
                ? AssemblyNameOf(project)
                : "SupportPlatform." + Path.GetFileNameWithoutExtension(service.ProjectPath);
            Assert.Equal(expectedAssembly, arguments["ASSEMBLY"]);
        }
    }

    /// <summary>The AssemblyName a project file sets, as the image's entry point.</summary>
    private static string AssemblyNameOf(string project) =>
        System.Xml.Linq.XDocument.Load(project).Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault()
            ?? Path.GetFileNameWithoutExtension(project);

    private static List<(string Instruction, string Arguments)> Instructions(string dockerfile) =>
        [.. dockerfile.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2) is [var instruction, var arguments] ? (instruction.ToUpperInvariant(), arguments.Trim()) : (line.ToUpperInvariant(), ""))];
}
