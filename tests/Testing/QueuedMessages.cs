using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportPlatform.Testing;

/// <summary>
/// Reads every message waiting in every queue of every virtual host of a broker, error queues
/// included, through RabbitMQ's management API, and puts each back (<c>ack_requeue_true</c>): what
/// anyone with access to the broker could read.
/// </summary>
public sealed class QueuedMessages(Uri management, string user, string password) : IDisposable
{
    /// <summary>More than a test platform ever holds in one queue; a fuller queue fails the scan rather than being cut short.</summary>
    private const int MaxPerQueue = 5_000;

    private readonly HttpClient client = new()
    {
        BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority)),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))) },
    };

    /// <summary>One text per message (its properties and headers, then its body as UTF-8), named by queue, vhost and position.</summary>
    public async Task<IReadOnlyList<ScannedText>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var queues = await client.GetFromJsonAsync<List<QueueInfo>>("/api/queues?columns=vhost,name", cancellationToken) ?? [];
        var messages = new List<ScannedText>();
        // Every queue is asked, whatever its count: the management API's counts lag by seconds.
        foreach (var queue in queues)
        {
            using var response = await client.PostAsJsonAsync(
                $"/api/queues/{Uri.EscapeDataString(queue.Vhost)}/{Uri.EscapeDataString(queue.Name)}/get",
                new { count = MaxPerQueue, ackmode = "ack_requeue_true", encoding = "base64" },
                cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                continue; // deleted meanwhile (an auto-delete queue of a stopping service)
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"{queue.Vhost}/{queue.Name} could not be read: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            var got = await response.Content.ReadFromJsonAsync<List<GotMessage>>(cancellationToken) ?? [];
            if (got.Count >= MaxPerQueue)
            {
                throw new InvalidOperationException($"{queue.Vhost}/{queue.Name} holds more messages than this scan reads ({MaxPerQueue})");
            }

            messages.AddRange(got.Select((message, i) => new ScannedText(
                $"queue {queue.Name} (vhost {queue.Vhost}) message {i + 1}",
                $"{message.Properties.GetRawText()}\n{Encoding.UTF8.GetString(Convert.FromBase64String(message.Payload))}")));
        }

        return messages;
    }

    public void Dispose() => client.Dispose();

    private sealed record QueueInfo(
        [property: JsonPropertyName("vhost")] string Vhost,
        [property: JsonPropertyName("name")] string Name);

    private sealed record GotMessage(
        [property: JsonPropertyName("payload")] string Payload,
        [property: JsonPropertyName("properties")] JsonElement Properties);
}
