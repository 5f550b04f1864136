using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace SupportPlatform.Testing;

/// <summary>
/// Runs a real service in-process against the test class's own database and vhost, with a fake
/// clock and a known signing key; it answers only once its bus is connected. Settings use the same
/// keys as production (Aspire's). A service without a bus is given no vhost.
/// </summary>
public class ServiceFactory<TProgram>(PostgresDatabase database, RabbitMqVhost? vhost) : WebApplicationFactory<TProgram>
    where TProgram : class
{
    /// <summary>
    /// The service's clock. Its timers (PeriodicTimer on the service's TimeProvider) fire only
    /// when a test advances it, so background jobs run exactly when a test moves time.
    /// </summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Last changes to the service's registrations (e.g. removing a background job the test drives itself).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:postgres", database.ConnectionString);
        if (vhost is not null)
        {
            builder.UseSetting("ConnectionStrings:rabbitmq", vhost.ConnectionString);
        }

        builder.UseSetting("Auth:SigningKey", TestServers.SigningKey);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
            // A test publishes right after start: the receive endpoints (and so their queue
            // bindings) must exist by then, or the first messages are dropped by the exchange.
            services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
            TestServices?.Invoke(services);
        });
    }
}
