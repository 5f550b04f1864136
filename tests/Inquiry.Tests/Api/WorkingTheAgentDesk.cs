using System.Net;
using System.Net.Http.Json;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.SubmittingInquiries;

namespace SupportPlatform.Inquiry.Tests.Api;

public sealed class WorkingTheAgentDesk(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task Anonymous_callers_get_401_and_other_roles_403()
    {
        var receipt = await api.SubmitAsync();
        using var anonymous = api.Customer();
        using var compliance = api.Service.CreateClient().WithStaff("compliance");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/agent/inquiries")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/agent/inquiries/{receipt.InquiryId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.GetAsync("/api/agent/inquiries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(compliance, receipt.InquiryId, "close", "\"2\"")).StatusCode);
    }

    [Fact]
    public async Task The_detail_carries_the_stream_version_as_etag_and_every_change_needs_it()
    {
        using var agent = api.Agent();
        var receipt = await api.SubmitAsync();

        var detail = await agent.GetAsync($"/api/agent/inquiries/{receipt.InquiryId}");
        var missing = await SendAsync(agent, receipt.InquiryId, "replies", null, new { body = "안녕하세요" });
        var stale = await SendAsync(agent, receipt.InquiryId, "replies", "\"1\"", new { body = "안녕하세요" });
        var malformed = await SendAsync(agent, receipt.InquiryId, "replies", "two", new { body = "안녕하세요" });
        var replied = await SendAsync(agent, receipt.InquiryId, "replies", "\"2\"", new { body = "답변드립니다. **설정 > 정책**을 확인해 주세요." });

        Assert.Equal("\"2\"", detail.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(2, (await stale.JsonAsync()).GetProperty("currentVersion").GetInt64());
        Assert.Equal(["If-Match"], await malformed.ErrorKeysAsync());
        Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        Assert.Equal("\"3\"", replied.Headers.ETag?.Tag);
        var replyId = (await replied.JsonAsync()).GetProperty("createdId").GetGuid();

        using var customer = api.Customer();
        var view = await ReadAsCustomerAsync(customer, receipt.InquiryId, receipt.AccessToken);
        var reply = Assert.Single(view.GetProperty("messages").EnumerateArray());
        Assert.Equal(replyId, reply.GetProperty("id").GetGuid());
        Assert.Equal("agent", reply.GetProperty("author").GetString());
        Assert.Equal("Test Agent", reply.GetProperty("agentName").GetString());
        Assert.Equal("answered", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Two_agents_replying_on_the_same_version_get_one_success_and_one_412()
    {
        using var first = api.Agent();
        using var second = api.Agent();
        var receipt = await api.SubmitAsync();

        for (var round = 0; round < 5; round++)
        {
            var version = $"\"{2 + round}\"";
            var responses = await Task.WhenAll(
                SendAsync(first, receipt.InquiryId, "replies", version, new { body = $"첫 번째 상담원 {round}" }),
                SendAsync(second, receipt.InquiryId, "replies", version, new { body = $"두 번째 상담원 {round}" }));

            Assert.Equal(
                [HttpStatusCode.OK, HttpStatusCode.PreconditionFailed],
                responses.Select(r => r.StatusCode).Order());
        }

        var detail = await (await first.GetAsync($"/api/agent/inquiries/{receipt.InquiryId}")).JsonAsync();
        Assert.Equal(5, detail.GetProperty("messages").GetArrayLength());
        Assert.Equal(7, detail.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Internal_notes_are_shown_to_agents_and_never_to_the_customer()
    {
        using var agent = api.Agent();
        var receipt = await api.SubmitAsync();

        var noted = await SendAsync(agent, receipt.InquiryId, "notes", "\"2\"", new { body = "고객사 라이선스 만료 확인 필요" });

        Assert.Equal(HttpStatusCode.OK, noted.StatusCode);
        var detail = await (await agent.GetAsync($"/api/agent/inquiries/{receipt.InquiryId}")).JsonAsync();
        Assert.Equal("고객사 라이선스 만료 확인 필요", Assert.Single(detail.GetProperty("notes").EnumerateArray()).GetProperty("body").GetString());
        using var customer = api.Customer();
        var raw = await (await GetAsCustomerAsync(customer, receipt.InquiryId, receipt.AccessToken)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("라이선스", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("notes", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_and_reopening_follow_the_rules_and_show_in_the_queue()
    {
        using var agent = api.Agent();
        using var customer = api.Customer();
        var receipt = await api.SubmitAsync();
        var id = receipt.InquiryId;

        var assigned = await SendAsync(agent, id, "assign", "\"2\"", new { assigneeId = Guid.Parse("0194a0c2-0000-7000-8000-0000000000b7"), assigneeName = "최유나" });
        var closed = await SendAsync(agent, id, "close", "\"3\""); // the close and its satisfaction survey: version 5
        var replyWhenClosed = await SendAsync(agent, id, "replies", "\"5\"", new { body = "늦은 답변" });
        var closedAgain = await SendAsync(agent, id, "close", "\"5\"");
        var followUpWhenClosed = await PostMessageAsync(customer, id, receipt.AccessToken, "아직 해결되지 않았습니다");

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replyWhenClosed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, closedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, followUpWhenClosed.StatusCode);
        await Eventually.TrueAsync(async () => await QueueStatusAsync(agent, id) == "closed", "the queue to show the inquiry closed");

        var reopened = await SendAsync(agent, id, "reopen", "\"5\"");

        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        await Eventually.TrueAsync(async () => await QueueStatusAsync(agent, id) == "open", "the queue to show the inquiry open again");
        var item = await QueueItemAsync(agent, $"q={id}");
        Assert.Equal("최유나", item.GetProperty("assigneeName").GetString());
        Assert.Equal("agent", item.GetProperty("waitingOn").GetString());
        Assert.Equal("랜섬웨어 관련", item.GetProperty("summary").GetString());
        Assert.Equal(6, item.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_queue_finds_an_inquiry_by_email_in_any_case_and_filters_by_status()
    {
        using var agent = api.Agent();
        var email = $"lee.{Guid.NewGuid():N}@Example.co.kr";
        var receipt = await api.SubmitAsync(Requests.Valid(email));

        var byEmail = await Eventually.ReturnsAsync(
            async () => await (await agent.GetAsync($"/api/agent/inquiries?q={Uri.EscapeDataString(" " + email.ToUpperInvariant())}")).JsonAsync(),
            page => page.GetProperty("items").GetArrayLength() == 1,
            "the projection to list the inquiry");
        var closedOnly = await (await agent.GetAsync($"/api/agent/inquiries?status=closed&q={Uri.EscapeDataString(email)}")).JsonAsync();
        var badQuery = await agent.GetAsync("/api/agent/inquiries?q=랜&status=lost&pageSize=1000");

        Assert.Equal(receipt.InquiryId, byEmail.GetProperty("items")[0].GetProperty("inquiryId").GetGuid());
        Assert.Equal(1, byEmail.GetProperty("total").GetInt64());
        Assert.Equal(0, closedOnly.GetProperty("items").GetArrayLength());
        Assert.Equal(["pageSize", "q", "status"], await badQuery.ErrorKeysAsync());
    }

    [Fact]
    public async Task The_queue_finds_an_inquiry_by_a_word_of_its_summary_or_company_through_keyed_hashes_only()
    {
        using var agent = api.Agent();
        var marker = $"zq{Guid.NewGuid():N}"[..12];
        var receipt = await api.SubmitAsync(Requests.Valid()
            .With("summary", $"{marker} 스팸메일이 차단되지 않습니다")
            .With("companyName", "한빛정보통신 주식회사"));

        var byWord = await Eventually.ReturnsAsync(
            async () => await (await agent.GetAsync($"/api/agent/inquiries?q={Uri.EscapeDataString(marker.ToUpperInvariant())}")).JsonAsync(),
            page => page.GetProperty("total").GetInt64() == 1,
            "the projection to index the inquiry's search terms");
        var byKoreanWordWithParticle = await (await agent.GetAsync($"/api/agent/inquiries?q={Uri.EscapeDataString("스팸메일")}&pageSize=100")).JsonAsync();
        var byCompany = await (await agent.GetAsync($"/api/agent/inquiries?q={Uri.EscapeDataString("한빛정보")}&pageSize=100")).JsonAsync();
        var byBoth = await (await agent.GetAsync($"/api/agent/inquiries?q={Uri.EscapeDataString(marker + " 한빛")}")).JsonAsync();
        var wrongCompany = await (await agent.GetAsync($"/api/agent/inquiries?q={Uri.EscapeDataString(marker + " 다우")}")).JsonAsync();

        Assert.Equal(receipt.InquiryId, byWord.GetProperty("items")[0].GetProperty("inquiryId").GetGuid());
        Assert.Contains(byKoreanWordWithParticle.GetProperty("items").EnumerateArray(), i => i.GetProperty("inquiryId").GetGuid() == receipt.InquiryId);
        Assert.Contains(byCompany.GetProperty("items").EnumerateArray(), i => i.GetProperty("inquiryId").GetGuid() == receipt.InquiryId);
        Assert.Equal(1, byBoth.GetProperty("total").GetInt64());
        Assert.Equal(0, wrongCompany.GetProperty("total").GetInt64());

        // The read model holds hashes, never the words.
        var stored = await api.Database.ScalarAsync<string>(
            "SELECT string_agg(token, ' ') FROM inquiry.mt_doc_queue, jsonb_array_elements_text(data -> 'searchTokens') AS token WHERE id = @id",
            ("id", receipt.InquiryId));
        Assert.DoesNotContain(marker, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("스팸", stored, StringComparison.Ordinal);
        Assert.Matches("^([0-9a-f]{16} ?)+$", stored);
    }

    [Fact]
    public async Task The_queue_filters_by_assignee_waiting_on_and_age_and_sorts_newest_first()
    {
        using var agent = api.Agent();
        var marker = $"zq{Guid.NewGuid():N}"[..12];
        var first = await api.SubmitAsync(Requests.Valid().With("summary", $"{marker} 첫 번째"));
        api.Service.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await api.SubmitAsync(Requests.Valid().With("summary", $"{marker} 두 번째"));
        await Eventually.TrueAsync(
            async () => (await (await agent.GetAsync($"/api/agent/inquiries?q={marker}")).JsonAsync()).GetProperty("total").GetInt64() == 2,
            "the projection to list both inquiries");
        var staffId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, second.InquiryId, "assign", "\"2\"", new { assigneeId = staffId, assigneeName = "김상담" })).StatusCode);

        var newestFirst = await Eventually.ReturnsAsync(
            async () => await (await agent.GetAsync($"/api/agent/inquiries?q={marker}&sort=-submitted")).JsonAsync(),
            page => page.GetProperty("items")[0].TryGetProperty("assigneeId", out _),
            "the projection to record the assignment");
        var assigned = await (await agent.GetAsync($"/api/agent/inquiries?q={marker}&assignee={staffId}")).JsonAsync();
        var unassigned = await (await agent.GetAsync($"/api/agent/inquiries?q={marker}&assignee=none")).JsonAsync();
        var waitingOnAgent = await (await agent.GetAsync($"/api/agent/inquiries?q={marker}&waitingOn=agent")).JsonAsync();
        var submittedByNow = await (await agent.GetAsync($"/api/agent/inquiries?q={marker}&olderThanDays=0")).JsonAsync();
        var olderThanADay = await (await agent.GetAsync($"/api/agent/inquiries?q={marker}&olderThanDays=1")).JsonAsync();
        var bad = await agent.GetAsync("/api/agent/inquiries?assignee=someone&waitingOn=nobody&sort=random&olderThanDays=-1");

        Assert.Equal([second.InquiryId, first.InquiryId], newestFirst.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("inquiryId").GetGuid()));
        Assert.Equal(second.InquiryId, Assert.Single(assigned.GetProperty("items").EnumerateArray()).GetProperty("inquiryId").GetGuid());
        Assert.Equal(first.InquiryId, Assert.Single(unassigned.GetProperty("items").EnumerateArray()).GetProperty("inquiryId").GetGuid());
        Assert.Equal(2, waitingOnAgent.GetProperty("total").GetInt64());
        Assert.Equal(2, submittedByNow.GetProperty("total").GetInt64());
        Assert.Equal(0, olderThanADay.GetProperty("total").GetInt64());
        Assert.Equal(["assignee", "olderThanDays", "sort", "waitingOn"], await bad.ErrorKeysAsync());
    }

    [Fact]
    public async Task The_retention_deadline_is_three_years_after_the_last_reply_or_close_not_after_notes()
    {
        using var agent = api.Agent();
        var receipt = await api.SubmitAsync();
        var submittedAt = api.Service.Time.GetUtcNow();
        api.Service.Time.Advance(TimeSpan.FromDays(10));
        var repliedAt = api.Service.Time.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, receipt.InquiryId, "replies", "\"2\"", new { body = "확인했습니다" })).StatusCode);
        api.Service.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, receipt.InquiryId, "notes", "\"3\"", new { body = "메모" })).StatusCode);

        var deadline = await Eventually.ReturnsAsync(
            () => DeadlineAsync(receipt.InquiryId),
            d => d == repliedAt.AddYears(3),
            "the retention index to count from the reply");

        Assert.Equal(repliedAt.AddYears(3), deadline);
        Assert.NotEqual(submittedAt.AddYears(3), deadline);
        Assert.Equal("P3Y", await api.Database.ScalarAsync<string>("SELECT data->>'retentionPeriod' FROM inquiry.mt_doc_retention WHERE id = @id", ("id", receipt.InquiryId)));
        await Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<long>("SELECT version FROM inquiry.mt_doc_queue WHERE id = @id", ("id", receipt.InquiryId)) == 4,
            "the queue row to reach version 4");
    }

    private async Task<DateTimeOffset?> DeadlineAsync(Guid id)
    {
        await using var command = api.Database.DataSource.CreateCommand("SELECT deadline FROM inquiry.mt_doc_retention WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync() is DateTime deadline ? new DateTimeOffset(deadline, TimeSpan.Zero) : null;
    }

    private static async Task<string?> QueueStatusAsync(HttpClient agent, Guid id)
    {
        var items = (await (await agent.GetAsync($"/api/agent/inquiries?q={id}")).JsonAsync()).GetProperty("items");
        return items.GetArrayLength() == 1 ? items[0].GetProperty("status").GetString() : null;
    }

    private static async Task<System.Text.Json.JsonElement> QueueItemAsync(HttpClient agent, string query) =>
        (await (await agent.GetAsync($"/api/agent/inquiries?{query}")).JsonAsync()).GetProperty("items")[0];

    internal static Task<HttpResponseMessage> SendAsync(HttpClient client, Guid id, string action, string? ifMatch, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/agent/inquiries/{id}/{action}");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }
}
