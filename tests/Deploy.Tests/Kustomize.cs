using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace SupportPlatform.Deploy.Tests;

/// <summary>
/// Renders a kustomization with a real renderer: <c>SUPPORTPLATFORM_KUBECTL</c>, else <c>kubectl</c>
/// on PATH (Debian 12's <c>kubernetes-client</c>, installed by test.sh from scripts/lib/host-tools.sh), else <c>kustomize</c>.
/// </summary>
internal static class Kustomize
{
    public static IReadOnlyList<YamlMappingNode> Render(string relativeDirectory)
    {
        var directory = Repository.PathOf(relativeDirectory);
        var (fileName, arguments) = Renderer();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Append(directory))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var standardError = process.StandardError.ReadToEndAsync();
        var rendered = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} {directory} failed: {standardError.Result}");
        return Yaml.Documents(rendered);
    }

    private static (string FileName, string[] Arguments) Renderer()
    {
        if (Environment.GetEnvironmentVariable("SUPPORTPLATFORM_KUBECTL") is { Length: > 0 } kubectl)
        {
            return (kubectl, ["kustomize"]);
        }

        if (OnPath("kubectl") is { } onPath)
        {
            return (onPath, ["kustomize"]);
        }

        if (OnPath("kustomize") is { } kustomize)
        {
            return (kustomize, ["build"]);
        }

        Assert.Fail("no kustomize renderer: install Debian's kubernetes-client (./test.sh does) or set SUPPORTPLATFORM_KUBECTL");
        throw new UnreachableException();
    }

    private static string? OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
}
