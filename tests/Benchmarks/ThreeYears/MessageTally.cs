using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;

namespace SupportPlatform.Benchmarks.ThreeYears;

/// <summary>
/// Counts, by message type, what Inquiry published and what each consuming service has finished
/// consuming (consumed or faulted to its error queue), so the generator can wait for the consumers
/// without asking the broker, whose queue figures are seconds old. A type counts for a service if
/// one of the service's consumers takes it. Counts only go up: a re-sent page or a redelivery
/// counts on both sides or on the consumer's only, so "consumed ≥ published" is never reached early
/// by a duplicate, only, at worst, late by none.
/// </summary>
internal sealed class MessageTally : IPublishObserver
{
    private readonly ConcurrentDictionary<Type, long> published = new();
    private readonly List<Consumer> consumers = [];

    /// <summary>The observer of one service's bus; <paramref name="module"/>'s assembly holds the service's consumers.</summary>
    public IConsumeObserver ConsumerOf(string service, Type module)
    {
        var types = module.Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false })
            .SelectMany(type => type.GetInterfaces())
            .Where(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(contract => contract.GetGenericArguments()[0])
            .ToHashSet();
        var consumer = new Consumer(service, types);
        lock (consumers)
        {
            consumers.Add(consumer);
        }

        return consumer;
    }

    /// <summary>Which service is behind on which type, by how many messages; none when all have caught up.</summary>
    public IReadOnlyList<(string Service, string Type, long Behind)> Lag()
    {
        lock (consumers)
        {
            return [.. consumers.SelectMany(consumer => consumer.Types
                .Select(type => (consumer.Service, type.Name, Behind: published.GetValueOrDefault(type) - consumer.Done.GetValueOrDefault(type)))
                .Where(lag => lag.Behind > 0))];
        }
    }

    /// <summary>Published so far, by type, for the report.</summary>
    public IReadOnlyDictionary<string, long> Published => published.ToDictionary(pair => pair.Key.Name, pair => pair.Value);

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        published.AddOrUpdate(typeof(T), 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    private sealed class Consumer(string service, IReadOnlySet<Type> types) : IConsumeObserver
    {
        public string Service => service;

        public IReadOnlySet<Type> Types => types;

        public ConcurrentDictionary<Type, long> Done { get; } = new();

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Count<T>();

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Count<T>();

        private Task Count<T>()
        {
            Done.AddOrUpdate(typeof(T), 1, (_, count) => count + 1);
            return Task.CompletedTask;
        }
    }
}
