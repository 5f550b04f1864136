using System.Xml.Linq;

namespace SupportPlatform.AppHost;

/// <summary>Where a service's Release build puts its entry assembly, read from its project file.</summary>
public static class ServiceProject
{
    public const string Configuration = "Release";
    private const string DefaultTargetFramework = "net10.0";

    public static string AssemblyPath(string projectPath)
    {
        var properties = XDocument.Load(projectPath).Descendants()
            .Where(e => e.Parent?.Name.LocalName == "PropertyGroup")
            .ToLookup(e => e.Name.LocalName, e => e.Value.Trim());
        var assemblyName = properties["AssemblyName"].LastOrDefault() ?? Path.GetFileNameWithoutExtension(projectPath);
        var targetFramework = properties["TargetFramework"].LastOrDefault() ?? DefaultTargetFramework;
        return Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", Configuration, targetFramework, assemblyName + ".dll");
    }
}
