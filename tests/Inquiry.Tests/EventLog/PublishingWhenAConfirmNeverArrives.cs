using SupportPlatform.Inquiry.Publishing;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;
using Xunit;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.EventLog;

/// <summary>
/// Issue 28's stall, made deterministic: the service reaches the broker through a proxy that drops
/// the publisher confirms for a moment, so the publishes in flight wait for confirms that never come
/// while the connection stays healthy. Before the fix the page never completed and the publisher's
/// checkpoint stayed where it was for good; now each attempt gives up after the confirm timeout and
/// is published again, and the log moves on.
/// </summary>
public sealed class PublishingWhenAConfirmNeverArrives(PublishingWhenAConfirmNeverArrives.ProxiedInquiryApi api)
    : IClassFixture<PublishingWhenAConfirmNeverArrives.ProxiedInquiryApi>
{
    [Fact]
    public async Task Publishes_whose_confirms_were_lost_go_out_again_and_the_checkpoint_reaches_the_end()
    {
        api.Proxy.Swallowing = true;
        var first = await api.SubmitAsync();
        await Eventually.TrueAsync(() => Task.FromResult(api.Proxy.Swallowed > 0), "a confirm to be swallowed");
        var ids = new List<Guid> { first.InquiryId };
        for (var i = 0; i < 24; i++)
        {
            ids.Add((await api.SubmitAsync()).InquiryId);
        }

        api.Proxy.Swallowing = false;

        // The confirm timeout (10 s) plus the retry's backoff, with room for a loaded machine.
        var timeout = UntilConfirmed.ConfirmTimeout * 6;
        await Eventually.TrueAsync(
            () => Task.FromResult(ids.All(id => api.PublishedOf<Contracts.InquirySubmitted>().Any(m => m.InquiryId == id))),
            "every submission to be published",
            timeout);
        var head = await api.Database.ScalarAsync<long>("SELECT max(seq_id) FROM inquiry.mt_events");
        await Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<long>(
                "SELECT coalesce((SELECT last_seq_id FROM inquiry.mt_event_progression WHERE name = @name), 0)", ("name", IntegrationEventPublisher.ShardName)) >= head,
            "the publisher's checkpoint to reach the newest event",
            timeout);
    }

    public sealed class ProxiedInquiryApi : ConfirmSwallowingInquiryApi
    {
        // The watchdog must not be what rescues the publisher here.
        protected override TimeSpan StallBound => TimeSpan.FromHours(1);
    }
}
