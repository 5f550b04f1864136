using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SupportPlatform.ServiceDefaults;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ from <c>ConnectionStrings:rabbitmq</c> (an amqp:// URI, Aspire's key).
    /// Consumers retry per their definition (<see cref="Consuming.RetryingConsumerDefinition{TConsumer}"/>),
    /// then move the message to its <c>_error</c> queue, which keeps it for at most
    /// <see cref="Consuming.ErrorQueueRetention"/>; quorum queues are opted into with <c>Messaging:QuorumQueues=true</c>.
    /// Queue names are kebab-case and prefixed by the service (<paramref name="serviceName"/>), so
    /// two services consuming the same event each get their own copy.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        var prefetch = builder.Configuration.GetValue("Messaging:PrefetchCount", 32);
        var quorum = builder.Configuration.GetValue("Messaging:QuorumQueues", false);
        var errorRetention = builder.Configuration.GetValue("Messaging:ErrorQueueRetention", Consuming.ErrorQueueRetention.Default);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            configure?.Invoke(bus);

            bus.UsingRabbitMq((context, rabbit) =>
            {
                var connectionString = context.GetRequiredService<IConfiguration>().GetConnectionString("rabbitmq")
                    ?? throw new InvalidOperationException("Connection string 'rabbitmq' is missing (ConnectionStrings__rabbitmq).");
                rabbit.Host(new Uri(connectionString));
                rabbit.PrefetchCount = prefetch;
                rabbit.SendTopology.ConfigureErrorSettings = error =>
                    error.SetQueueArgument("x-message-ttl", (long)errorRetention.TotalMilliseconds);
                if (quorum)
                {
                    rabbit.SetQuorumQueue();
                }

                rabbit.ConnectConsumeObserver(new ConsumeLagObserver());
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}

/// <summary>Records how long each message waited between send and consumption (consumer lag).</summary>
internal sealed class ConsumeLagObserver : IConsumeObserver
{
    private static readonly System.Diagnostics.Metrics.Histogram<double> Lag =
        Telemetry.Meter.CreateHistogram<double>("messaging.consume.lag", "ms", "Time from send to the start of consumption");

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.SentTime is { } sent)
        {
            Lag.Record((DateTime.UtcNow - sent).TotalMilliseconds, new KeyValuePair<string, object?>("message", typeof(T).Name));
        }

        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
