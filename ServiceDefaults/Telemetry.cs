using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SupportPlatform.ServiceDefaults;

/// <summary>
/// OpenTelemetry without the hosting packages (not obtainable here): the SDK providers are built
/// once per service and listen to the sources the libraries emit themselves. OTLP export is on when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; without it, activities still exist (unrecorded) so
/// trace context crosses HTTP → event log → RabbitMQ → consumer.
/// </summary>
public static class Telemetry
{
    /// <summary>The ActivitySource and Meter name prefix of our own code.</summary>
    public const string SourcePrefix = "SupportPlatform";

    public static readonly ActivitySource Source = new(SourcePrefix);
    public static readonly Meter Meter = new(SourcePrefix);

    private static readonly string[] LibrarySources =
        ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "MassTransit"];

    private static readonly string[] LibraryMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "Npgsql", "MassTransit"];

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        var exportOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.SetResourceBuilder(resource);
            logging.IncludeScopes = true;
            logging.IncludeFormattedMessage = true;
            if (exportOtlp)
            {
                logging.AddOtlpExporter();
            }
        });

        builder.Services.AddSingleton(_ =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(LibrarySources)
                .AddSource(SourcePrefix + "*")
                // Without an exporter nothing would read recorded spans: keep activities for
                // context propagation only, so libraries skip their tags and timings.
                .SetSampler(exportOtlp ? new ParentBasedSampler(new AlwaysOnSampler()) : new AlwaysOffSampler());
            if (exportOtlp)
            {
                tracing.AddOtlpExporter();
            }

            return tracing.Build()!;
        });
        builder.Services.AddSingleton(_ =>
        {
            var metrics = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(LibraryMeters)
                .AddMeter(SourcePrefix + "*");
            if (exportOtlp)
            {
                metrics.AddOtlpExporter();
            }

            return metrics.Build()!;
        });
        builder.Services.AddHostedService<TelemetryProviders>();
        return builder;
    }

    /// <summary>Builds the providers at start (so listeners exist before the first request) and flushes them at stop.</summary>
    private sealed class TelemetryProviders(TracerProvider tracing, MeterProvider metrics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            tracing.ForceFlush(2000);
            metrics.ForceFlush(2000);
            return Task.CompletedTask;
        }
    }
}
