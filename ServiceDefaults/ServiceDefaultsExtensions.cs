using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.ServiceDefaults;

/// <summary>What every service does the same way: telemetry, health, problem details, time, JSON, PostgreSQL.</summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddTelemetry();
        builder.AddPostgres();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.AddHttpHardening();
        builder.Services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag])
            .AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag]);

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
    /// PostgreSQL and RabbitMQ reachable) and <c>/alive</c> (the process answers).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // What BadRequestExceptionHandler answered is the client's error (it logs it itself), not the server's.
        app.UseExceptionHandler(new ExceptionHandlerOptions { SuppressDiagnosticsCallback = c => c.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService });
        app.UseStatusCodePages();
        app.UseStorableRequestValues();

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealth });
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        return app;
    }

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
