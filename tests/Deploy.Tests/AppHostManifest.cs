using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SupportPlatform.Deploy.Tests;

/// <summary>One service project of the AppHost, as its manifest names it.</summary>
internal sealed record ManifestProject(string Name, string ProjectPath, IReadOnlyDictionary<string, string> Environment);

/// <summary>
/// What the AppHost says the deployable system is: the output of its manifest publisher
/// (<c>dotnet AppHost.dll --publisher manifest</c>), written once per test run. The compose and
/// Kubernetes publishers are not served here, so deploy/ is kept by hand, and the tests compare it
/// with this.
/// </summary>
internal sealed partial class AppHostManifest
{
    private static readonly Lazy<AppHostManifest> Published = new(Publish);

    private AppHostManifest(JsonElement resources) => Resources = resources;

    public static AppHostManifest Current => Published.Value;

    public JsonElement Resources { get; }

    public IEnumerable<(string Name, JsonElement Resource)> OfType(string type) =>
        Resources.EnumerateObject().Where(r => r.Value.GetProperty("type").GetString() == type).Select(r => (r.Name, r.Value));

    public IReadOnlyList<ManifestProject> Projects =>
    [
        .. OfType("project.v0").Select(p => new ManifestProject(
            p.Name,
            Path.GetRelativePath(Repository.Root, Path.GetFullPath(Path.Combine(OutputDirectory, p.Resource.GetProperty("path").GetString()!))).Replace('\\', '/'),
            p.Resource.GetProperty("env").EnumerateObject().ToDictionary(e => e.Name, e => e.Value.GetString() ?? ""))),
    ];

    /// <summary>Every service deploy/ must run: the AppHost's projects.</summary>
    public IReadOnlyList<(string Name, string ProjectPath)> Services =>
        [.. Projects.Select(p => (p.Name, p.ProjectPath)).OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>The databases the AppHost declares (<c>postgres.AddDatabase(…)</c>), by name.</summary>
    public IReadOnlyList<string> Databases => [.. OfType("value.v0").Select(v => DatabaseOf(v.Resource)).OfType<string>()];

    /// <summary>The database a resource stands for (<c>{postgres.connectionString};Database=inquirydb</c>), or null.</summary>
    public static string? DatabaseOf(JsonElement resource) =>
        resource.TryGetProperty("connectionString", out var connection) && DatabaseClause().Match(connection.GetString() ?? "") is { Success: true } match
            ? match.Groups["name"].Value
            : null;

    /// <summary>The resources an expression such as <c>{inquirydb.connectionString}</c> refers to.</summary>
    public static IEnumerable<string> ReferencedResources(string expression) =>
        Reference().Matches(expression).Select(m => m.Groups["resource"].Value).Distinct();

    private static string OutputDirectory { get; } = Path.Combine(Path.GetTempPath(), $"supportplatform-manifest-{Environment.ProcessId}");

    private static AppHostManifest Publish()
    {
        var configuration = typeof(AppHostManifest).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var appHost = Repository.PathOf($"AppHost/bin/{configuration}/net10.0/SupportPlatform.AppHost.dll");
        Assert.True(File.Exists(appHost), $"{appHost} is not built");
        var output = Path.Combine(OutputDirectory, "aspire-manifest.json");
        var start = new ProcessStartInfo("dotnet", [appHost, "--publisher", "manifest", "--output-path", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the manifest publisher did not finish within 2 minutes");
        Assert.True(process.ExitCode == 0, $"the manifest publisher failed: {log.Result}{errors.Result}");
        using var manifest = JsonDocument.Parse(File.ReadAllText(output));
        return new AppHostManifest(manifest.RootElement.GetProperty("resources").Clone());
    }

    [GeneratedRegex(@"\{(?<resource>[a-z0-9-]+)\.(connectionString|value|bindings)")]
    private static partial Regex Reference();

    [GeneratedRegex(@";Database=(?<name>[a-z0-9_]+)$")]
    private static partial Regex DatabaseClause();
}
