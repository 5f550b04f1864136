using System.Diagnostics.Metrics;
using MassTransit;
using Polly;
using Polly.Retry;

namespace SupportPlatform.Inquiry.Publishing;

/// <summary>
/// Publishes until the broker confirms: every attempt is bounded by <see cref="ConfirmTimeout"/>, and
/// a failed or unconfirmed attempt is tried again, backing off to 15 s with jitter, until it goes
/// through or the caller stops. The bound matters because MassTransit awaits the broker's publisher
/// confirm on the channel's own cancellation token, never the caller's, and RabbitMQ.Client 7.2 can
/// leave a confirm awaited forever when the connection is forced closed between the publish and its
/// basic.ack (issue 28). A copy the broker did route before its confirm was lost goes out again with
/// the same message id, and the consumers' inboxes drop it.
/// </summary>
public sealed partial class UntilConfirmed
{
    /// <summary>
    /// How long one attempt may wait for the broker's confirm. Confirms take milliseconds, a few
    /// hundred under heavy load: ten seconds is only ever reached by a confirm that is not coming.
    /// </summary>
    public static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(10);

    private static readonly Meter Meter = new("SupportPlatform.Inquiry.Publishing");
    private static readonly Counter<long> Retried = Meter.CreateCounter<long>("inquiry.events.publish.retries", "{attempt}", "Publish attempts that failed or were not confirmed in time and were tried again");
    private static readonly ResiliencePropertyKey<string> MessageKey = new("message");

    private readonly ResiliencePipeline pipeline;

    public UntilConfirmed(ILogger<UntilConfirmed> logger)
    {
        pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(15),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                OnRetry = retry =>
                {
                    var message = retry.Context.Properties.GetValue(MessageKey, "?");
                    Retried.Add(1, new KeyValuePair<string, object?>("type", message));
                    LogRetry(logger, message, retry.AttemptNumber + 1, retry.Outcome.Exception?.Message ?? "");
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(ConfirmTimeout)
            .Build();
    }

    /// <summary>Publishes <paramref name="message"/> with <paramref name="messageId"/>; <paramref name="what"/> names it in logs and metrics.</summary>
    public async Task PublishAsync(IPublishEndpoint bus, object message, Guid messageId, string what, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(MessageKey, what);
        try
        {
            await pipeline.ExecuteAsync(
                static async (attempt, state) =>
                    // WaitAsync: the attempt's token reaches no confirm wait inside MassTransit (see above).
                    await state.bus.Publish(state.message, state.message.GetType(), send => send.MessageId = state.messageId, attempt.CancellationToken)
                        .WaitAsync(attempt.CancellationToken),
                context,
                (bus, message, messageId));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Publishing {Message} failed or was not confirmed on attempt {Attempt}; trying again: {Reason}")]
    private static partial void LogRetry(ILogger logger, string message, int attempt, string reason);
}
