using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SupportPlatform.ServiceDefaults.Http;

/// <summary>Bad input answered with 4xx problem details, and the security headers, once for every service.</summary>
public static class HttpHardening
{
    public static IHostApplicationBuilder AddHttpHardening(this IHostApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures become exceptions in every environment (not only Development), so the
        // handler above answers them all the same way, with the field that failed.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options => options.SerializerOptions.Converters.Add(new StorableStringConverter()));
        builder.Services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        builder.Services.AddTransient<IStartupFilter, SecurityHeadersFirst>();
        return builder;
    }

    /// <summary>
    /// Puts the security headers before everything else in the pipeline, including the
    /// authentication WebApplication adds on its own, so a 401 carries them too.
    /// </summary>
    private sealed class SecurityHeadersFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseSecurityHeaders();
            next(app);
        };
    }
}
