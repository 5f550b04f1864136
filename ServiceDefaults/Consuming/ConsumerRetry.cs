using MassTransit;
using Npgsql;

namespace SupportPlatform.ServiceDefaults.Consuming;

/// <summary>
/// Every consumer's retry, set on its own endpoint (MassTransit's consumer definition) rather than
/// once for the whole bus: transient faults (database or broker away) are retried with exponential
/// backoff up to 30 s apart for about seven minutes, so a database restart or failover never parks a
/// message whose request got a 2xx (the fault suite's 20 s PostgreSQL outage once did, after the old
/// five tries in about three seconds); faults no retry can fix go to the <c>_error</c> queue at the
/// first attempt. A consumer needing another limit derives and overrides <see cref="RetryLimit"/>.
/// </summary>
public class RetryingConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected virtual int RetryLimit => 20;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Exponential(RetryLimit, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(300));
            UnfixableFaults.Ignore(retry);
        });
    }
}

/// <summary>Faults that say the message itself is wrong, so retrying it gives the same fault.</summary>
public static class UnfixableFaults
{
    public static void Ignore(IRetryConfigurator retry)
    {
        retry.Ignore<InvalidMessageException>();
        retry.Ignore<System.Text.Json.JsonException>();
        retry.Ignore<FormatException>();
        retry.Ignore<ArgumentException>();
        // Class 22 (data exception: bad encoding, value out of range) and 23 (integrity constraint)
        // come from the data the message carries, not from the database's state.
        retry.Ignore<PostgresException>(e => e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal));
    }
}

/// <summary>A message no retry can fix (a required field missing or malformed); it goes to the error queue.</summary>
public sealed class InvalidMessageException(string message) : Exception(message);

public static class ConsumerRegistration
{
    /// <summary>Registers a consumer with <see cref="RetryingConsumerDefinition{TConsumer}"/>.</summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddRetryingConsumer<TConsumer>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer, RetryingConsumerDefinition<TConsumer>>();
}

/// <summary>
/// How long a message may wait in an <c>_error</c> queue: <c>Messaging:ErrorQueueRetention</c>
/// (default 7 days), set as the queue's <c>x-message-ttl</c> when MassTransit declares it, so the
/// broker itself drops what no operator re-queued in time. Long enough to inspect and re-queue a
/// poison message over a week; short against the 3-year retention of the inquiry itself.
/// </summary>
public static class ErrorQueueRetention
{
    public static readonly TimeSpan Default = TimeSpan.FromDays(7);
}
