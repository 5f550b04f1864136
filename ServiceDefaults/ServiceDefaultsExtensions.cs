using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.WebEncoders;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.ServiceDefaults;

/// <summary>
/// What every service does the same way, in the shape of Aspire's ServiceDefaults template:
/// OpenTelemetry, default health checks, service discovery and resilient HttpClients, plus our own
/// common parts (PostgreSQL data source, problem details, time, JSON).
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";

    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    /// <summary>
    /// The defaults for one service. A service that keeps no data (the Lounge) passes
    /// <paramref name="usesPostgres"/> false: it gets no data source and no PostgreSQL health check.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, bool usesPostgres = true) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        if (usesPostgres)
        {
            builder.AddPostgres();
        }

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Retries, timeouts and a circuit breaker on every HttpClient; then names such as
            // http://knowledge resolve through the services__knowledge__http__0 keys the AppHost sets.
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.AddHttpHardening();
        builder.AddClientAddresses();
        builder.Services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        // Razor encodes every character outside the allowed ranges as a numeric reference, and only
        // Basic Latin is allowed by default: Korean pages came out as &#xBA54;&#xC77C;. Markup
        // characters (< > & " ') are encoded whatever the ranges.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    /// <summary>
    /// <c>self</c> answers <c>/alive</c>; the integrations add theirs (PostgreSQL from Aspire.Npgsql,
    /// the bus from MassTransit) to <c>/health</c>.
    /// </summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>The JSON shape of every API: camelCase, enums as strings, no nulls written.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    /// <summary>
    /// Problem details for every unhandled error and bare status code, then <c>/health</c> (ready:
    /// PostgreSQL and RabbitMQ reachable) and <c>/alive</c> (the process answers). Unlike the
    /// template, the probes are mapped in every environment: Kubernetes probes them in production
    /// (deploy/k8s), and they reveal nothing but check names and states.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // What BadRequestExceptionHandler answered is the client's error (it logs it itself), not the server's.
        app.UseExceptionHandler(new ExceptionHandlerOptions { SuppressDiagnosticsCallback = c => c.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService });
        app.UseStatusCodePages();
        app.UseKnownRequestCharsets();
        app.UseStorableRequestValues();

        // A probe held back by a service's request limits (RequestConcurrency) would get a busy replica restarted.
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = WriteHealth }).DisableRateLimiting();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) }).DisableRateLimiting();
        return app;
    }

    /// <summary>Whether a request is a probe, which telemetry leaves out (the AppHost polls them every few seconds).</summary>
    internal static bool IsProbe(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath);

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        });
    }
}
