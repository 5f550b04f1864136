using System.Collections.Concurrent;
using MassTransit;

namespace SupportPlatform.Agent.Live.Watching;

/// <summary>
/// Who has which inquiry open, across every desk replica, as this replica heard it: each
/// <see cref="DeskPresence"/> (its own included) arrives through <see cref="DeskPresenceConsumer"/>.
/// It also knows the pages this replica serves, to announce them again every heartbeat.
/// </summary>
public sealed class PresenceBoard(DeskSignals signals, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, PagePresence>> inquiries = new();
    private readonly ConcurrentDictionary<Guid, DeskPresence> local = new();

    public IReadOnlyList<Colleague> Others(Guid inquiryId, Guid me) =>
        inquiries.TryGetValue(inquiryId, out var pages) ? PresenceRules.Others(pages.Values, me, time.GetUtcNow()) : [];

    public void Apply(DeskPresence presence)
    {
        var pages = inquiries.GetOrAdd(presence.InquiryId, _ => new());
        if (presence.Activity == Activities.Left)
        {
            pages.TryRemove(presence.ConnectionId, out _);
        }
        else
        {
            pages[presence.ConnectionId] = new PagePresence(presence.StaffId, presence.Activity, presence.At);
        }

        // A page served here whose activity was set through another replica keeps it in its heartbeats.
        if (local.TryGetValue(presence.ConnectionId, out var mine) && presence.Activity != Activities.Left)
        {
            local[presence.ConnectionId] = mine with { Activity = presence.Activity };
        }

        signals.Publish(new PresenceChanged(presence.InquiryId));
    }

    /// <summary>Drops the pages not heard from within the expiry and tells their inquiries' pages.</summary>
    public void Expire()
    {
        var now = time.GetUtcNow();
        foreach (var (inquiryId, pages) in inquiries)
        {
            var gone = pages.Where(p => now - p.Value.SeenAt >= PresenceRules.Expiry).Select(p => p.Key).ToList();
            gone.ForEach(connection => pages.TryRemove(connection, out _));
            if (gone.Count > 0)
            {
                signals.Publish(new PresenceChanged(inquiryId));
            }
        }
    }

    public Task JoinAsync(IPublishEndpoint bus, Guid inquiryId, Guid connectionId, Guid staffId, CancellationToken cancellationToken)
    {
        var presence = Announcement(inquiryId, connectionId, staffId, Activities.Viewing);
        local[connectionId] = presence;
        return bus.Publish(presence, cancellationToken);
    }

    public Task LeaveAsync(IPublishEndpoint bus, Guid inquiryId, Guid connectionId, Guid staffId, CancellationToken cancellationToken)
    {
        local.TryRemove(connectionId, out _);
        return bus.Publish(Announcement(inquiryId, connectionId, staffId, Activities.Left), cancellationToken);
    }

    public Task SetActivityAsync(IPublishEndpoint bus, Guid inquiryId, Guid connectionId, Guid staffId, string activity, CancellationToken cancellationToken) =>
        bus.Publish(Announcement(inquiryId, connectionId, staffId, activity), cancellationToken);

    /// <summary>The pages this replica serves, announced again with the current time.</summary>
    public IReadOnlyList<DeskPresence> LocalPages() => [.. local.Values.Select(p => p with { At = time.GetUtcNow() })];

    private DeskPresence Announcement(Guid inquiryId, Guid connectionId, Guid staffId, string activity) => new()
    {
        InquiryId = inquiryId, ConnectionId = connectionId, StaffId = staffId, Activity = activity, At = time.GetUtcNow(),
    };
}

/// <summary>Every replica's presence announcements, this one's included, onto the board. Cannot fail.</summary>
public sealed class DeskPresenceConsumer(PresenceBoard board) : IConsumer<DeskPresence>
{
    public Task Consume(ConsumeContext<DeskPresence> context)
    {
        board.Apply(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>Announces this replica's pages every heartbeat and lets pages of vanished replicas expire.</summary>
public sealed class PresenceHeartbeat(PresenceBoard board, IServiceScopeFactory scopes, TimeProvider time, ILogger<PresenceHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PresenceRules.Heartbeat, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
                foreach (var page in board.LocalPages())
                {
                    await bus.Publish(page, stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The broker is away: colleagues' pages lose this replica's viewers after the expiry, which is the truth they can know.
                logger.LogWarning(exception, "Presence heartbeat not published");
            }

            board.Expire();
        }
    }
}
