using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SupportPlatform.ServiceDefaults;

/// <summary>
/// CORS for the public APIs, so a third-party web front end can call them from the browser. The
/// allowed origins are configuration (<c>Cors:AllowedOrigins</c>, a list or one comma-separated
/// value); none by default, and never credentials — the public APIs use none (the customer's
/// token travels in <c>X-Inquiry-Token</c>). Staff APIs never opt in.
/// </summary>
public static class FrontEndCors
{
    public const string Policy = "front-ends";

    public static IHostApplicationBuilder AddFrontEndCors(this IHostApplicationBuilder builder)
    {
        var origins = AllowedOrigins(builder.Configuration);
        builder.Services.AddCors(options => options.AddPolicy(Policy, policy =>
        {
            if (origins.Length > 0)
            {
                policy.WithOrigins(origins)
                    .WithMethods("GET", "POST")
                    .WithHeaders("Content-Type", "X-Inquiry-Token", "traceparent")
                    .WithExposedHeaders("Location", "Retry-After")
                    .SetPreflightMaxAge(TimeSpan.FromHours(1));
            }
        }));
        return builder;
    }

    public static TBuilder RequireFrontEndCors<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireCors(Policy);

    /// <summary>Origins as configured, trimmed, without a trailing slash (the Origin header has none).</summary>
    public static string[] AllowedOrigins(IConfiguration configuration)
    {
        var section = configuration.GetSection("Cors:AllowedOrigins");
        var values = section.GetChildren().Select(c => c.Value).ToList();
        if (section.Value is { } single)
        {
            values.Add(single);
        }

        return [.. values
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(origin => origin.TrimEnd('/'))
            .Where(origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
