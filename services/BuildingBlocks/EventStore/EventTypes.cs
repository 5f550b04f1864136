using System.Text.Json;

namespace SupportPlatform.EventStore;

/// <summary>
/// The closed set of event types one store knows, each stored under a stable name (the CLR name
/// by default) so that renaming a namespace never orphans stored events.
/// </summary>
public sealed class EventTypes
{
    private readonly Dictionary<string, Type> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> byType = [];

    public EventTypes(JsonSerializerOptions json, params IEnumerable<Type> types)
    {
        Json = json;
        foreach (var type in types)
        {
            byName.Add(type.Name, type);
            byType.Add(type, type.Name);
        }
    }

    public JsonSerializerOptions Json { get; }

    /// <summary>Every concrete type assignable to <typeparamref name="TEvent"/> in its assembly.</summary>
    public static EventTypes Of<TEvent>(JsonSerializerOptions json) =>
        new(json, typeof(TEvent).Assembly.GetTypes().Where(t => t.IsAssignableTo(typeof(TEvent)) && t is { IsAbstract: false, IsInterface: false }));

    public string NameOf(Type type) =>
        byType.TryGetValue(type, out var name) ? name : throw new ArgumentException($"{type} is not a registered event type.", nameof(type));

    public string Serialize(object data) => JsonSerializer.Serialize(data, data.GetType(), Json);

    public object Deserialize(string name, string json) =>
        byName.TryGetValue(name, out var type)
            ? JsonSerializer.Deserialize(json, type, Json) ?? throw new InvalidOperationException($"Event {name} deserialized to null.")
            : throw new InvalidOperationException($"Unknown event type '{name}'.");
}
