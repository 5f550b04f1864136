using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace SupportPlatform.Deploy.Tests;

/// <summary>Navigation over parsed YAML: a missing key is null, so an assertion names what is missing.</summary>
internal static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> Documents(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    /// <summary>Plain dictionaries with merge keys (<c>&lt;&lt;: *anchor</c>) applied, as Docker Compose reads them.</summary>
    public static Dictionary<object, object> WithMerges(string text) =>
        new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(new StringReader(text))));

    public static YamlNode? At(this YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    public static string? Text(this YamlNode? node, params string[] path) => (node.At(path) as YamlScalarNode)?.Value;

    public static IReadOnlyList<YamlNode> Items(this YamlNode? node, params string[] path) =>
        node.At(path) is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    public static string Kind(this YamlNode manifest) => manifest.Text("kind") ?? "";

    public static string Name(this YamlNode manifest) => manifest.Text("metadata", "name") ?? "";

    /// <summary>Every mapping anywhere below <paramref name="node"/> (itself included).</summary>
    public static IEnumerable<YamlMappingNode> Mappings(this YamlNode node) => node switch
    {
        YamlMappingNode mapping => [mapping, .. mapping.Children.Values.SelectMany(Mappings)],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Mappings),
        _ => [],
    };
}
