using System.Text.Json;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.EventStore.Tests;

public interface ITestEvent;

public sealed record Noted(Guid StreamId, string Text, int Writer) : ITestEvent;

public sealed record NotePublished
{
    public required Guid StreamId { get; init; }

    public required string Text { get; init; }
}

public sealed class NoteMapper : IIntegrationEventMapper
{
    public ValueTask<IReadOnlyList<object?>> ToMessagesAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<object?>>([.. events.Select(e => e.Data switch
        {
            Noted noted => new NotePublished { StreamId = noted.StreamId, Text = noted.Text },
            _ => (object?)null,
        })]);
}

public static class TestStores
{
    public static EventTypes Types { get; } = EventTypes.Of<ITestEvent>(CreateJson());

    public static async Task<EventStore> CreateAsync(Testing.PostgresDatabase database, string schema = "es")
    {
        var store = new EventStore(database.DataSource, Types, TimeProvider.System, schema);
        await store.EnsureSchemaAsync();
        return store;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        ServiceDefaultsExtensions.ConfigureJson(options);
        return options;
    }
}
