using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SupportPlatform.Agent.Contracts;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>
/// The desk's internal staff API (<see cref="InternalStaffApi"/>) as a small real HTTP server on
/// loopback, for testing Notification without the desk: it answers the addresses of the active
/// members a test put in (404 for others, as the desk does for unknown and disabled ones), checks the
/// service token like the desk does, and can be made unavailable (503). The desk's own endpoint is
/// tested in Agent.Tests.
/// </summary>
public sealed class StaffApiDouble : IAsyncLifetime
{
    private readonly ConcurrentDictionary<Guid, string> addresses = new();
    private WebApplication? app;

    /// <summary>Answer every request with 503, as a desk that is down or restarting would look.</summary>
    public bool Unavailable { get; set; }

    public string BaseAddress { get; private set; } = string.Empty;

    /// <summary>An active member of staff with this address; returns their id.</summary>
    public Guid Add(string email)
    {
        var id = Guid.NewGuid();
        addresses[id] = email;
        return id;
    }

    public async Task InitializeAsync() =>
        (app, BaseAddress) = await LoopbackServiceApi.StartAsync(() => Unavailable, api => api.MapGet("/staff/{id:guid}", (Guid id) =>
            addresses.TryGetValue(id, out var email) ? Results.Ok(new StaffAddress(id, email)) : Results.NotFound()));

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
