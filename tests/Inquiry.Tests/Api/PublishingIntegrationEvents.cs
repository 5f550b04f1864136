using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.SubmittingInquiries;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

public sealed class PublishingIntegrationEvents(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task A_whole_conversation_reaches_the_real_broker_as_ids_without_personal_data()
    {
        using var agent = api.Agent();
        using var customer = api.Customer();
        var email = $"links.{Guid.NewGuid():N}@daou-example.co.kr";
        var receipt = await api.SubmitAsync(Requests.Valid(email).With("language", "en").With("recommendationSessionId", "lounge-session-42"));
        var id = receipt.InquiryId;

        var reply = await SendAsync(agent, id, "replies", "\"2\"", new { body = "Please check **SPF** settings." });
        var replyId = (await reply.JsonAsync()).GetProperty("createdId").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await PostMessageAsync(customer, id, receipt.AccessToken, "Still blocked.")).StatusCode);
        var noteId = (await (await SendAsync(agent, id, "notes", "\"4\"", new { body = "internal only" })).JsonAsync()).GetProperty("createdId").GetGuid();
        var assigneeId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "assign", "\"5\"", new { assigneeId, assigneeName = "배정받은상담원" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "close", "\"6\"")).StatusCode); // the close and its satisfaction survey: version 8
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "reopen", "\"8\"")).StatusCode);
        // 내 문의 finds an address's inquiries in the queue read model, which the daemon updates a moment later.
        await Eventually.TrueAsync(async () => (await agent.GetStringAsync("/api/agent/inquiries")).Contains(id.ToString(), StringComparison.Ordinal), "the queue lists it");
        Assert.Equal(HttpStatusCode.Accepted, (await customer.PostAsJsonAsync("/api/inquiry-links", new { email })).StatusCode);

        await Eventually.TrueAsync(() => Task.FromResult(api.PublishedOf<Contracts.InquiryClosed>().Any(c => c.InquiryId == id)), "InquiryClosed on the broker");
        await Eventually.TrueAsync(() => Task.FromResult(api.PublishedOf<Contracts.InquiryLinksRequested>().Any(l => l.InquiryIds.Contains(id))), "InquiryLinksRequested on the broker");

        var submitted = Assert.Single(api.PublishedOf<Contracts.InquirySubmitted>(), m => m.InquiryId == id);
        Assert.Equal("en", submitted.Language);
        Assert.Equal("lounge-session-42", submitted.RecommendationSessionId);
        Assert.Equal(replyId, Assert.Single(api.PublishedOf<Contracts.InquiryAnswered>(), m => m.InquiryId == id).ReplyId);
        Assert.Single(api.PublishedOf<Contracts.CustomerFollowedUp>(), m => m.InquiryId == id);
        // The live desk refreshes on assignment, reopening and notes: ids only, never the note's text or the assignee's name.
        await Eventually.TrueAsync(() => Task.FromResult(api.PublishedOf<Contracts.InquiryReopenedByAgent>().Any(r => r.InquiryId == id)), "InquiryReopened on the broker");
        Assert.Equal(noteId, Assert.Single(api.PublishedOf<Contracts.InquiryNoteAdded>(), m => m.InquiryId == id).NoteId);
        Assert.Equal(assigneeId, Assert.Single(api.PublishedOf<Contracts.InquiryAssigneeChanged>(), m => m.InquiryId == id).AssigneeId);

        // What sits in a queue (and, on a fault, in an error queue) is the raw body: none of the
        // customer's or agent's words, no address and no token may be in it.
        var bodies = api.Published.Select(c => System.Text.Encoding.UTF8.GetString(c.ReceiveContext.Body.GetBytes())).ToList();
        Assert.Contains(bodies, b => b.Contains(id.ToString(), StringComparison.Ordinal));
        foreach (var secret in new[] { email, "links.", Requests.Company, Requests.Phone, "랜섬웨어 관련", "**SPF**", "Still blocked", "internal only", "배정받은상담원", receipt.AccessToken, "L1." })
        {
            Assert.DoesNotContain(bodies, b => b.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

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
    public async Task The_internal_API_gives_a_service_what_an_email_needs_and_nothing_once_the_key_is_shredded()
    {
        var receipt = await api.SubmitAsync(Requests.Valid().With("summary", "곧 삭제될 문의"));
        var id = receipt.InquiryId;
        using var agent = api.Agent();
        var replyId = (await (await SendAsync(agent, id, "replies", "\"2\"", new { body = "답변 본문" })).JsonAsync()).GetProperty("createdId").GetGuid();
        using var service = api.Service.CreateClient().WithStaff("service");

        var forEmail = await service.GetFromJsonAsync<Contracts.InquiryForEmail>($"/internal/inquiries/{id}");
        Assert.Equal((Requests.Email, Requests.Company, "곧 삭제될 문의", "ko"), (forEmail!.Email, forEmail.CompanyName, forEmail.Summary, forEmail.Language));
        Assert.Equal(receipt.AccessToken, forEmail.AccessToken);
        Assert.Equal("곧 삭제될 문의", (await service.GetFromJsonAsync<Contracts.InquirySummary>($"/internal/inquiries/{id}/summary"))!.Summary);
        var reply = await service.GetFromJsonAsync<Contracts.InquiryReply>($"/internal/inquiries/{id}/replies/{replyId}");
        Assert.Equal(("답변 본문", "Test Agent"), (reply!.Body, reply.AgentName));
        Assert.Equal(HttpStatusCode.NotFound, (await service.GetAsync($"/internal/inquiries/{id}/replies/{Guid.NewGuid()}")).StatusCode);

        var links = await (await service.PostAsJsonAsync("/internal/inquiry-links", new Contracts.InquiryLinksQuery([id, Guid.NewGuid()], api.Service.Time.GetUtcNow().AddDays(7))))
            .Content.ReadFromJsonAsync<Contracts.InquiryLinks>();
        Assert.Equal(Requests.Email, links!.Email);
        var link = Assert.Single(links.Links);
        using var customer = api.Customer();
        Assert.Equal(HttpStatusCode.OK, (await GetAsCustomerAsync(customer, id, link.AccessToken)).StatusCode);

        // Staff and anonymous callers do not get in; a refused query names its fields.
        using var anonymous = api.Customer();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/internal/inquiries/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/internal/inquiries/{id}")).StatusCode);
        var refused = await service.PostAsJsonAsync("/internal/inquiry-links", new Contracts.InquiryLinksQuery([], api.Service.Time.GetUtcNow().AddYears(1)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["expiresAt", "inquiryIds"], (await refused.ErrorKeysAsync()).Order());

        await api.Database.ScalarAsync<int>("WITH gone AS (DELETE FROM inquiry.data_keys WHERE inquiry_id = @id RETURNING 1) SELECT count(*)::int FROM gone", ("id", id));
        Assert.Equal(HttpStatusCode.NotFound, (await service.GetAsync($"/internal/inquiries/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.GetAsync($"/internal/inquiries/{id}/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.PostAsJsonAsync("/internal/inquiry-links", new Contracts.InquiryLinksQuery([id], api.Service.Time.GetUtcNow().AddDays(7)))).StatusCode);
    }
}
