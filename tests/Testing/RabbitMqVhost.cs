using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Xunit;

namespace SupportPlatform.Testing;

/// <summary>A throwaway virtual host on the real test broker, one per test class; deleted afterwards.</summary>
public sealed class RabbitMqVhost : IAsyncLifetime
{
    private HttpClient? management;
    private Uri? broker;

    public string Name { get; } = TestServers.UniqueName("t");

    /// <summary>The amqp:// URI of this vhost, as <c>ConnectionStrings:rabbitmq</c> expects it.</summary>
    public string ConnectionString =>
        new UriBuilder(broker ?? throw new InvalidOperationException("The vhost is not created yet.")) { Path = "/" + Name }.Uri.ToString();

    private HttpClient Management => management ?? throw new InvalidOperationException("The vhost is not created yet.");

    public async Task InitializeAsync()
    {
        var (amqp, managementUri) = await TestServers.RabbitMqAsync();
        broker = amqp;
        var credentials = Uri.UnescapeDataString(managementUri.UserInfo);
        management = new HttpClient { BaseAddress = new Uri(managementUri.GetLeftPart(UriPartial.Authority)) };
        management.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

        (await management.PutAsync($"/api/vhosts/{Name}", null)).EnsureSuccessStatusCode();
        var user = Uri.UnescapeDataString(amqp.UserInfo).Split(':')[0];
        (await management.PutAsJsonAsync($"/api/permissions/{Name}/{user}", new { configure = ".*", write = ".*", read = ".*" }))
            .EnsureSuccessStatusCode();
    }

    /// <summary>How many messages wait in a queue of this vhost (e.g. an <c>_error</c> queue), or null if it does not exist.</summary>
    public async Task<long?> QueueDepthAsync(string queue)
    {
        var response = await Management.GetAsync($"/api/queues/{Name}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var info = await response.Content.ReadFromJsonAsync<QueueInfo>();
        return info?.Messages ?? 0;
    }

    /// <summary>The arguments a queue of this vhost was declared with (e.g. <c>x-message-ttl</c>), or null if it does not exist.</summary>
    public async Task<IReadOnlyDictionary<string, System.Text.Json.JsonElement>?> QueueArgumentsAsync(string queue)
    {
        var response = await Management.GetAsync($"/api/queues/{Name}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<QueueDeclaration>())?.Arguments ?? [];
    }

    /// <summary>
    /// Closes every client connection of this vhost from the broker's side, as a broker shutdown or
    /// restart does (the clients see CONNECTION_FORCED), without disturbing the other test classes
    /// that share the broker. Returns how many were closed.
    /// </summary>
    public async Task<int> ForceCloseConnectionsAsync()
    {
        // The management API lists a connection only after its next stats emission (every 5 s).
        var connections = await Eventually.ReturnsAsync(
            async () => await Management.GetFromJsonAsync<ConnectionInfo[]>($"/api/vhosts/{Name}/connections") ?? [],
            listed => listed.Length > 0,
            $"the connections of vhost {Name} to be listed",
            TimeSpan.FromSeconds(30));
        foreach (var connection in connections)
        {
            using var close = new HttpRequestMessage(HttpMethod.Delete, $"/api/connections/{Uri.EscapeDataString(connection.Name)}");
            close.Headers.Add("X-Reason", "test: broker shutdown");
            var response = await Management.SendAsync(close);
            if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                response.EnsureSuccessStatusCode();
            }
        }

        return connections.Length;
    }

    public async Task DisposeAsync()
    {
        if (management is not null)
        {
            await management.DeleteAsync($"/api/vhosts/{Name}");
            management.Dispose();
        }
    }

    private sealed record QueueInfo(long Messages);

    private sealed record ConnectionInfo(string Name);

    private sealed record QueueDeclaration(Dictionary<string, System.Text.Json.JsonElement>? Arguments);
}
