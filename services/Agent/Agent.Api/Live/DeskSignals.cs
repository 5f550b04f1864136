using System.Collections.Concurrent;
using System.Threading.Channels;

namespace SupportPlatform.Agent.Live;

/// <summary>What an open desk page is told: a hint to fetch again, never the data itself.</summary>
public abstract record DeskSignal(Guid InquiryId);

/// <summary>An inquiry changed (<see cref="Change"/>: submitted, answered, followed-up, assigned, closed, reopened, noted).</summary>
public sealed record InquiryChanged(Guid InquiryId, string Change) : DeskSignal(InquiryId);

/// <summary>Who is looking at an inquiry changed.</summary>
public sealed record PresenceChanged(Guid InquiryId) : DeskSignal(InquiryId);

/// <summary>
/// This replica's fan-out from its consumers to its open pages (one subscription per event
/// stream). A page that falls behind loses its oldest signals rather than holding memory: signals
/// are hints, and the page refetches what it shows.
/// </summary>
public sealed class DeskSignals
{
    private readonly ConcurrentDictionary<Guid, Channel<DeskSignal>> subscribers = new();

    public (Guid Id, ChannelReader<DeskSignal> Signals) Subscribe()
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<DeskSignal>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        subscribers[id] = channel;
        return (id, channel.Reader);
    }

    public void Unsubscribe(Guid id)
    {
        if (subscribers.TryRemove(id, out var channel))
        {
            channel.Writer.TryComplete();
        }
    }

    public void Publish(DeskSignal signal)
    {
        foreach (var channel in subscribers.Values)
        {
            channel.Writer.TryWrite(signal);
        }
    }
}
