using MassTransit;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

public sealed class SurvivingEveryInput(KnowledgeService service) : IClassFixture<KnowledgeService>
{
    [Fact]
    public async Task A_nul_in_a_submitted_summary_is_stripped_and_the_message_never_reaches_the_error_queue()
    {
        var inquiry = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var errorQueue = new KebabCaseEndpointNameFormatter("knowledge", false).Consumer<Inquiries.Suggesting.InquirySubmittedConsumer>() + "_error";

        await service.Bus.Publish(service.Submitted(inquiry, "그룹웨어\0 전자결재 양식 \ud800변경"), context => context.MessageId = messageId);

        await Eventually.TrueAsync(
            async () => await service.Database.ScalarAsync<long>("SELECT count(*) FROM knowledge.inbox WHERE message_id = @id", ("id", messageId)) == 1,
            "the submission consumed", TimeSpan.FromSeconds(30));
        // The consume observer hears of the message just after the inbox row commits.
        await Eventually.TrueAsync(() => Task.FromResult(service.Consumed.Count(messageId) == 1), "the consumer to have finished with the message");
        Assert.Null(await service.Vhost.QueueDepthAsync(errorQueue));
        // No article answers it: the gap is recorded.
        Assert.Equal(1, await service.Database.ScalarAsync<long>("SELECT count(*) FROM knowledge.knowledge_gaps WHERE inquiry_id = @id", ("id", inquiry)));
    }
}
