using System.Threading.Channels;
using Marten;
using MassTransit;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Publishing;

namespace SupportPlatform.Inquiry.Inquiries.SendingLinks;

/// <summary>
/// A 내 문의 request accepted by the endpoint: the address only as its keyed hashes, one per
/// configured lookup key (current first), so that a rotation's re-hash in progress finds every inquiry.
/// </summary>
public sealed record LinkRequest(string[] EmailHashes, string Language);

/// <summary>
/// Hands accepted link requests from the endpoint to <see cref="LinkRequestSender"/>, which publishes
/// each until the broker confirms it. Bounded: if the broker is down long enough for a thousand to
/// wait, later ones are dropped with a warning, and a crash loses those waiting — the answer was 202
/// either way and says nothing of what follows; the customer can ask again. This is what keeps the
/// endpoint's timing the same for every address (issue 20, finding 6).
/// </summary>
public sealed class LinkRequestQueue(ILogger<LinkRequestQueue> logger)
{
    private readonly Channel<LinkRequest> channel = Channel.CreateBounded<LinkRequest>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Enqueue(LinkRequest request)
    {
        if (!channel.Writer.TryWrite(request))
        {
            logger.LogWarning("A link request was dropped: too many are waiting to be published");
        }
    }

    public IAsyncEnumerable<LinkRequest> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>Finds the address's inquiries by its keyed hash and, when there are any, asks Notification to email their links.</summary>
public sealed class LinkRequestSender(
    LinkRequestQueue queue, IDocumentStore store, IBus bus, UntilConfirmed untilConfirmed, TimeProvider time, IConfiguration configuration, ILogger<LinkRequestSender> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(request, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "A link request could not be published");
            }
        }
    }

    private async Task SendAsync(LinkRequest request, CancellationToken cancellationToken)
    {
        var inquiries = await FindAsync(request.EmailHashes, cancellationToken);
        if (inquiries.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var requestId = Guid.CreateVersion7();
        await untilConfirmed.PublishAsync(bus, new InquiryLinksRequested
        {
            RequestId = requestId,
            InquiryIds = inquiries,
            Language = request.Language,
            LinksExpireAt = now + configuration.GetValue("InquiryLinks:Lifetime", TimeSpan.FromDays(7)),
            RequestedAt = now,
        }, requestId, nameof(InquiryLinksRequested), cancellationToken);
        logger.LogInformation("Inquiry links requested for {Count} inquiries", inquiries.Count);
    }

    private async Task<IReadOnlyList<Guid>> FindAsync(string[] emailHashes, CancellationToken cancellationToken)
    {
        // The queue read model is where an address's inquiries are found by its keyed hashes.
        await using var session = store.QuerySession();
        return await session.Query<QueueEntry>()
            .Where(q => q.EmailHash.IsOneOf(emailHashes))
            .OrderByDescending(q => q.SubmittedAt)
            .Take(SendLinks.MaxInquiries)
            .Select(q => q.Id)
            .ToListAsync(cancellationToken);
    }
}
