using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Testing;

/// <summary>
/// A service's <c>/internal</c> API stood in by a small real HTTP server on loopback, for testing a
/// service without the one it calls: it checks the service token as the services do, and answers 503
/// while <paramref name="unavailable"/> says so, as a service that is down or restarting would look.
/// </summary>
/// <remarks><paramref name="signingKey"/>: the key the calling service signs its tokens with (the tests' own by default).</remarks>
public static class LoopbackServiceApi
{
    public static async Task<(WebApplication App, string BaseAddress)> StartAsync(
        Func<bool> unavailable, Action<RouteGroupBuilder> mapInternal, Action? onRequest = null, string signingKey = TestServers.SigningKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Auth:SigningKey"] = signingKey;
        builder.Logging.ClearProviders();
        builder.AddStaffAuthentication();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            onRequest?.Invoke();
            if (unavailable())
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        mapInternal(app.MapGroup("/internal").RequireAuthorization(StaffRoles.Service));
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
    }
}
