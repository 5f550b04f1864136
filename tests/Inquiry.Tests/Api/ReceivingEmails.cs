using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SupportPlatform.Testing;
using Xunit;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// Issue 21: Notification hands a customer's emailed answer to <c>POST /internal/inquiries/{id}/emails</c>;
/// Inquiry checks the reply address's token and the sender against the inquiry's key and address.
/// </summary>
public sealed class ReceivingEmails(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task An_answer_from_the_customer_to_the_reply_address_joins_the_thread_as_email_and_alerts_the_team()
    {
        var (id, token) = await SubmitAsync();
        using var service = Service();

        var outcome = await ReceiveAsync(service, id, Email(token, Requests.Email.ToUpperInvariant(), "확인했습니다. 재시작 후 정상입니다."));

        Assert.Equal(Contracts.InboundEmailOutcome.Appended, outcome.Outcome);
        var message = Assert.Single((await AgentViewAsync(id)).GetProperty("messages").EnumerateArray());
        Assert.Equal(("customer", "email", "확인했습니다. 재시작 후 정상입니다."), (message.GetProperty("author").GetString(), message.GetProperty("channel").GetString(), message.GetProperty("body").GetString()));
        Assert.Contains("-----원본 메시지-----", message.GetProperty("original").GetString());
        Assert.True(message.GetProperty("authenticationFailed").GetBoolean());
        Assert.Equal("waiting", (await AgentViewAsync(id)).GetProperty("status").GetString());
        await Eventually.TrueAsync(
            () => Task.FromResult(api.PublishedOf<Contracts.CustomerFollowedUp>().Any(f => f.InquiryId == id && f.Channel == Contracts.MessageChannels.Email)),
            "CustomerFollowedUp (email) on the broker");
    }

    [Fact]
    public async Task Another_sender_or_another_inquirys_reply_address_is_held_for_an_agent_and_not_shown_to_the_customer()
    {
        var (id, token) = await SubmitAsync();
        var (_, otherToken) = await SubmitAsync();
        using var service = Service();

        var spoofed = await ReceiveAsync(service, id, Email(token, "attacker@elsewhere.test", "계좌를 변경해 주세요"));
        var forwarded = await ReceiveAsync(service, id, Email(otherToken, Requests.Email, "전달된 메일"));

        Assert.Equal((Contracts.InboundEmailOutcome.Held, Contracts.InboundEmailOutcome.Held), (spoofed.Outcome, forwarded.Outcome));
        var view = await AgentViewAsync(id);
        Assert.Empty(view.GetProperty("messages").EnumerateArray());
        var held = view.GetProperty("heldEmails").EnumerateArray().ToDictionary(h => h.GetProperty("reason").GetString()!);
        Assert.Equal(("attacker@elsewhere.test", "계좌를 변경해 주세요"), (held["sender"].GetProperty("from").GetString(), held["sender"].GetProperty("body").GetString()));
        Assert.Equal("전달된 메일", held["reply-address"].GetProperty("body").GetString());
        Assert.Equal("open", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_agent_accepts_one_held_email_into_the_thread_and_discards_another()
    {
        var (id, token) = await SubmitAsync();
        using var service = Service();
        using var agent = api.Agent();
        var colleague = await ReceiveAsync(service, id, Email(token, "colleague@daou-example.co.kr", "동료가 대신 답장합니다"));
        var junk = await ReceiveAsync(service, id, Email(token, "spam@elsewhere.test", "광고"));
        var version = (await AgentViewAsync(id)).GetProperty("version").GetInt64();

        var withoutIfMatch = await agent.PostAsJsonAsync($"/api/agent/inquiries/{id}/held-emails/{colleague.MessageId}", new { accept = true });
        var accepted = await ResolveAsync(agent, id, colleague.MessageId, version, accept: true);
        var stale = await ResolveAsync(agent, id, junk.MessageId, version, accept: false);
        var discarded = await ResolveAsync(agent, id, junk.MessageId, version + 2, accept: false);
        var again = await ResolveAsync(agent, id, junk.MessageId, version + 3, accept: false);

        Assert.Equal(
            (HttpStatusCode.PreconditionRequired, HttpStatusCode.OK, HttpStatusCode.PreconditionFailed, HttpStatusCode.OK, HttpStatusCode.Conflict),
            (withoutIfMatch.StatusCode, accepted.StatusCode, stale.StatusCode, discarded.StatusCode, again.StatusCode));
        var view = await AgentViewAsync(id);
        Assert.Empty(view.GetProperty("heldEmails").EnumerateArray());
        var message = Assert.Single(view.GetProperty("messages").EnumerateArray());
        Assert.Equal(("동료가 대신 답장합니다", "email", colleague.MessageId), (message.GetProperty("body").GetString(), message.GetProperty("channel").GetString(), message.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task The_same_message_handed_over_twice_is_stored_once()
    {
        var (id, token) = await SubmitAsync();
        using var service = Service();
        var email = Email(token, Requests.Email, "한 번만 저장되어야 합니다");

        var first = await ReceiveAsync(service, id, email);
        var again = await ReceiveAsync(service, id, email);

        Assert.Equal((Contracts.InboundEmailOutcome.Appended, Contracts.InboundEmailOutcome.Duplicate, first.MessageId), (first.Outcome, again.Outcome, again.MessageId));
        Assert.Single((await AgentViewAsync(id)).GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task An_answer_to_one_of_our_emails_without_a_reply_address_is_trusted_only_from_the_customer()
    {
        var (id, _) = await SubmitAsync();
        using var service = Service();

        var fromCustomer = await ReceiveAsync(service, id, Email(null, Requests.Email, "회신 주소 없이 답장") with { AnswersOurEmail = true });
        var notAnAnswer = await ReceiveAsync(service, id, Email(null, Requests.Email, "근거 없는 메일") with { MessageKey = "k-" + Guid.NewGuid() });

        Assert.Equal((Contracts.InboundEmailOutcome.Appended, Contracts.InboundEmailOutcome.Held), (fromCustomer.Outcome, notAnAnswer.Outcome));
    }

    [Fact]
    public async Task Only_services_hand_over_emails_and_bad_input_is_named()
    {
        var (id, token) = await SubmitAsync();
        using var service = Service();
        using var agent = api.Agent();

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync($"/internal/inquiries/{id}/emails", Email(token, Requests.Email, "x"))).StatusCode);
        var refused = await service.PostAsJsonAsync($"/internal/inquiries/{id}/emails", Email(token, "not an address", "x") with { MessageKey = "" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["from", "messageKey"], (await refused.ErrorKeysAsync()).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await service.PostAsJsonAsync($"/internal/inquiries/{Guid.NewGuid()}/emails", Email(token, Requests.Email, "x"))).StatusCode);
    }

    [Fact]
    public async Task An_emailed_answers_files_become_its_attachments_under_the_upload_rules_and_the_refused_ones_are_noted_for_agents()
    {
        var receipt = await api.SubmitAsync();
        var (id, token) = (receipt.InquiryId, await ReplyTokenAsync(receipt.InquiryId));
        using var service = Service();
        var log = Encoding.UTF8.GetBytes("2026-12-07 15:00:01 relay denied 10.0.0.7\n");
        var program = "MZ\u0090\0\u0003\0\0\0"u8.ToArray();
        var email = Email(token, Requests.Email, "스크린샷과 로그 첨부합니다.") with
        {
            Attachments =
            [
                new("화면.png", Uploads.Png.Length, Uploads.Png),
                new("setup.exe", program.Length, program),
                new("maillog.txt", log.Length, log),
                new("덤프.zip", 40L * 1024 * 1024, null),
            ],
        };

        var outcome = await ReceiveAsync(service, id, email);
        var again = await ReceiveAsync(service, id, email);

        Assert.Equal((Contracts.InboundEmailOutcome.Appended, Contracts.InboundEmailOutcome.Duplicate), (outcome.Outcome, again.Outcome));
        var message = Assert.Single((await AgentViewAsync(id)).GetProperty("messages").EnumerateArray());
        var files = message.GetProperty("attachments").EnumerateArray()
            .Select(a => (a.GetProperty("fileName").GetString(), a.GetProperty("contentType").GetString(), a.GetProperty("size").GetInt64())).ToList();
        Assert.Equal([("화면.png", "image/png", (long)Uploads.Png.Length), ("maillog.txt", "text/plain", (long)log.Length)], files);
        var dropped = message.GetProperty("droppedAttachments").EnumerateArray().Select(d => (d.GetProperty("fileName").GetString(), d.GetProperty("reason").GetString())).ToList();
        Assert.Equal([("setup.exe", "type"), ("덤프.zip", "size")], dropped);

        // Stored once, sealed like an upload, and served to the agent and to the customer as any other attachment.
        Assert.Equal(2L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.attachments WHERE inquiry_id = @id", ("id", id)));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM inquiry.attachments WHERE position(@plain in content) > 0 OR position(@name in file_name) > 0",
            ("plain", log), ("name", Encoding.UTF8.GetBytes("maillog"))));
        var logId = message.GetProperty("attachments")[1].GetProperty("attachmentId").GetGuid();
        using var agent = api.Agent();
        Assert.Equal(log, await agent.GetByteArrayAsync($"/api/agent/inquiries/{id}/attachments/{logId}"));
        using var customer = api.Customer();
        customer.DefaultRequestHeaders.Add("X-Inquiry-Token", receipt.AccessToken);
        Assert.Equal(log, await customer.GetByteArrayAsync($"/api/inquiries/{id}/attachments/{logId}"));
        var seen = Assert.Single((await (await customer.GetAsync($"/api/inquiries/{id}")).JsonAsync()).GetProperty("messages").EnumerateArray());
        Assert.Equal(2, seen.GetProperty("attachments").GetArrayLength());
        Assert.False(seen.TryGetProperty("droppedAttachments", out var notes) && notes.ValueKind != JsonValueKind.Null, "the dropped files are the agents' note");
    }

    [Fact]
    public async Task A_held_emails_files_wait_with_it_and_join_the_thread_when_an_agent_accepts_it()
    {
        var (id, token) = await SubmitAsync();
        using var service = Service();
        using var agent = api.Agent();
        var held = await ReceiveAsync(service, id, Email(token, "colleague@daou-example.co.kr", "동료가 캡처를 보냅니다") with
        {
            Attachments = [new("캡처.png", Uploads.Png.Length, Uploads.Png)],
        });
        var waiting = Assert.Single((await AgentViewAsync(id)).GetProperty("heldEmails").EnumerateArray());
        Assert.Equal("캡처.png", Assert.Single(waiting.GetProperty("attachments").EnumerateArray()).GetProperty("fileName").GetString());

        var accepted = await ResolveAsync(agent, id, held.MessageId, (await AgentViewAsync(id)).GetProperty("version").GetInt64(), accept: true);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var message = Assert.Single((await AgentViewAsync(id)).GetProperty("messages").EnumerateArray());
        Assert.Equal("캡처.png", Assert.Single(message.GetProperty("attachments").EnumerateArray()).GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task An_answer_after_the_reopening_window_stores_none_of_its_files()
    {
        var (id, token) = await SubmitAsync();
        using var service = Service();
        using var agent = api.Agent();
        var close = new HttpRequestMessage(HttpMethod.Post, $"/api/agent/inquiries/{id}/close");
        close.Headers.TryAddWithoutValidation("If-Match", $"\"{(await AgentViewAsync(id)).GetProperty("version").GetInt64()}\"");
        Assert.Equal(HttpStatusCode.OK, (await agent.SendAsync(close)).StatusCode);
        api.Service.Time.Advance(TimeSpan.FromDays(31));

        var outcome = await ReceiveAsync(service, id, Email(token, Requests.Email, "다시 문의합니다") with
        {
            Attachments = [new("화면.png", Uploads.Png.Length, Uploads.Png)],
        });

        Assert.Equal(Contracts.InboundEmailOutcome.ClosedTooLong, outcome.Outcome);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.attachments WHERE inquiry_id = @id", ("id", id)));
    }

    private async Task<string> ReplyTokenAsync(Guid id)
    {
        using var service = Service();
        return (await service.GetFromJsonAsync<Contracts.InquiryForEmail>($"/internal/inquiries/{id}"))!.ReplyToken!;
    }

    private async Task<(Guid Id, string ReplyToken)> SubmitAsync()
    {
        var receipt = await api.SubmitAsync();
        using var service = Service();
        var forEmail = await service.GetFromJsonAsync<Contracts.InquiryForEmail>($"/internal/inquiries/{receipt.InquiryId}");
        return (receipt.InquiryId, forEmail!.ReplyToken!);
    }

    private HttpClient Service() => api.Service.CreateClient().WithStaff("service");

    private static Contracts.InboundEmail Email(string? token, string from, string text) => new(
        "k-" + Guid.NewGuid().ToString("N"),
        token,
        AnswersOurEmail: false,
        from,
        text,
        text + "\n\n-----원본 메시지-----\n보낸 사람: 고객케어 라운지",
        "spf=pass dkim=fail dmarc=fail",
        AuthenticationFailed: true);

    private static async Task<Contracts.InboundEmailOutcome> ReceiveAsync(HttpClient service, Guid id, Contracts.InboundEmail email)
    {
        var response = await service.PostAsJsonAsync($"/internal/inquiries/{id}/emails", email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Contracts.InboundEmailOutcome>())!;
    }

    private static Task<HttpResponseMessage> ResolveAsync(HttpClient agent, Guid id, Guid messageId, long version, bool accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/agent/inquiries/{id}/held-emails/{messageId}") { Content = JsonContent.Create(new { accept }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return agent.SendAsync(request);
    }

    private async Task<JsonElement> AgentViewAsync(Guid id)
    {
        using var agent = api.Agent();
        return await (await agent.GetAsync($"/api/agent/inquiries/{id}")).JsonAsync();
    }
}
