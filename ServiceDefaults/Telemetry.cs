using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace SupportPlatform.ServiceDefaults;

/// <summary>
/// OpenTelemetry through <c>OpenTelemetry.Extensions.Hosting</c>, as Aspire's template does it:
/// ASP.NET Core, HttpClient, runtime and Npgsql instrumentation, MassTransit's own source and meter,
/// and ours. OTLP export is on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the AppHost sets it
/// to its dashboard).
/// </summary>
public static class Telemetry
{
    /// <summary>The ActivitySource and Meter name prefix of our own code.</summary>
    public const string SourcePrefix = "SupportPlatform";

    public static readonly ActivitySource Source = new(SourcePrefix);
    public static readonly Meter Meter = new(SourcePrefix);

    /// <summary>MassTransit's ActivitySource and Meter (it instruments itself; no package needed).</summary>
    private const string MassTransit = "MassTransit";

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var exportOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var openTelemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(MassTransit)
                .AddMeter(SourcePrefix + "*"))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(builder.Environment.ApplicationName)
                    .AddAspNetCoreInstrumentation(aspNetCore =>
                        aspNetCore.Filter = context => !ServiceDefaultsExtensions.IsProbe(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddSource(MassTransit)
                    .AddSource(SourcePrefix + "*");
                // Without an exporter nothing reads recorded spans: activities still exist, so the
                // trace context crosses HTTP → event log → RabbitMQ → consumer, but libraries skip
                // their tags and timings.
                if (!exportOtlp)
                {
                    tracing.SetSampler(new AlwaysOffSampler());
                }
            });

        if (exportOtlp)
        {
            openTelemetry.UseOtlpExporter();
        }

        return builder;
    }
}
