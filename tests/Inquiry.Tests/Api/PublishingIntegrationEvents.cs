using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Marten;
using SupportPlatform.Inquiry.Publishing;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.SubmittingInquiries;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

public sealed class PublishingIntegrationEvents(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task A_whole_conversation_reaches_the_real_broker_with_what_consumers_need()
    {
        using var agent = api.Agent();
        using var customer = api.Customer();
        var receipt = await api.SubmitAsync(Requests.Valid().With("language", "en").With("recommendationSessionId", "lounge-session-42"));
        var id = receipt.InquiryId;

        var reply = await SendAsync(agent, id, "replies", "\"2\"", new { body = "Please check **SPF** settings." });
        var replyId = (await reply.JsonAsync()).GetProperty("createdId").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await PostMessageAsync(customer, id, receipt.AccessToken, "Still blocked.")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "notes", "\"4\"", new { body = "internal only" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "close", "\"5\"")).StatusCode);

        await Eventually.TrueAsync(() => Task.FromResult(api.PublishedOf<Contracts.InquiryClosed>().Any(c => c.InquiryId == id)), "InquiryClosed on the broker");

        var submitted = Assert.Single(api.PublishedOf<Contracts.InquirySubmitted>(), m => m.InquiryId == id);
        Assert.Equal(Requests.Email, submitted.Email);
        Assert.Equal(Requests.Company, submitted.CompanyName);
        Assert.Equal("랜섬웨어 관련", submitted.Summary);
        Assert.Equal(receipt.AccessToken, submitted.AccessToken);
        Assert.Equal("en", submitted.Language);
        Assert.Equal("lounge-session-42", submitted.RecommendationSessionId);

        var answered = Assert.Single(api.PublishedOf<Contracts.InquiryAnswered>(), m => m.InquiryId == id);
        Assert.Equal(replyId, answered.ReplyId);
        Assert.Equal("Please check **SPF** settings.", answered.Body);
        Assert.Equal(Requests.Email, answered.Email);
        Assert.Equal(receipt.AccessToken, answered.AccessToken);
        Assert.Equal("Test Agent", answered.AgentName);
        Assert.Equal("en", answered.Language);

        var followedUp = Assert.Single(api.PublishedOf<Contracts.CustomerFollowedUp>(), m => m.InquiryId == id);
        Assert.Equal("랜섬웨어 관련", followedUp.Summary);

        // Each message id is the id of the stored event, so consumers' inboxes can drop re-sends.
        var eventIds = new HashSet<Guid>();
        await using (var command = api.Database.DataSource.CreateCommand("SELECT id FROM inquiry.mt_events WHERE stream_id = @id"))
        {
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                eventIds.Add(reader.GetGuid(0));
            }
        }

        var ours = api.Published.Where(c => c.TryGetMessage<Contracts.InquirySubmitted>(out var s) ? s.Message.InquiryId == id
            : c.TryGetMessage<Contracts.InquiryAnswered>(out var a) ? a.Message.InquiryId == id
            : c.TryGetMessage<Contracts.CustomerFollowedUp>(out var f) ? f.Message.InquiryId == id
            : c.TryGetMessage<Contracts.InquiryClosed>(out var x) && x.Message.InquiryId == id).ToArray();
        Assert.Equal(4, ours.Length);
        Assert.All(ours, c => Assert.Contains(c.MessageId!.Value, eventIds));
    }

    [Fact]
    public async Task Nothing_is_published_for_an_inquiry_whose_key_was_shredded()
    {
        var receipt = await api.SubmitAsync(Requests.Valid().With("summary", "곧 삭제될 문의"));
        var mapper = api.Service.Services.GetRequiredService<IntegrationEventMapper>();
        await using var session = api.Service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var stream = await session.Events.FetchStreamAsync(receipt.InquiryId);
        var before = await mapper.ToMessagesAsync(stream, session, CancellationToken.None);

        await api.Database.ScalarAsync<int>("WITH gone AS (DELETE FROM inquiry.data_keys WHERE inquiry_id = @id RETURNING 1) SELECT count(*)::int FROM gone", ("id", receipt.InquiryId));
        var after = await mapper.ToMessagesAsync(stream, session, CancellationToken.None);

        Assert.IsType<Contracts.InquirySubmitted>(Assert.Single(before, m => m is not null));
        Assert.All(after, Assert.Null);
    }
}
