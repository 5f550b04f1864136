using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportPlatform.Agent.Contracts;
using SupportPlatform.ServiceDefaults;
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

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Auth:SigningKey"] = TestServers.SigningKey;
        builder.Logging.ClearProviders();
        builder.AddStaffAuthentication();
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (Unavailable)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/internal/staff/{id:guid}", (Guid id) =>
                addresses.TryGetValue(id, out var email) ? Results.Ok(new StaffAddress(id, email)) : Results.NotFound())
            .RequireAuthorization(StaffRoles.Service);
        await app.StartAsync();
        BaseAddress = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/";
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
