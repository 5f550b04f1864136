using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Lounge.Tests;

/// <summary>The private link: the customer reads the agents' replies and answers them, without an account.</summary>
[Collection(LoungeCollection.Name)]
public sealed class ConversingByThePrivateLink(LoungeSite site)
{
    [Fact]
    public async Task After_an_agent_replies_the_customer_sees_the_reply_and_can_answer()
    {
        var (id, token) = await site.SubmitThroughApiAsync($"thread-{Guid.NewGuid():N}@customer.test", "대량메일 발송이 차단됩니다");
        await ReplyAsAgentAsync(id, "안녕하세요. **SuperWhite IP**에 발송 서버를 등록해 주세요.\n\n- 필터관리 ▶ SuperWhite IP");

        var page = await site.OpenPageAsync();
        await page.GotoAsync($"/inquiries/{id}?token={Uri.EscapeDataString(token)}");

        var reply = page.Locator(".message--agent");
        await Assertions.Expect(reply).ToContainTextAsync("김지원 (지원팀)");
        await Assertions.Expect(reply.Locator("strong")).ToHaveTextAsync("SuperWhite IP");
        await Assertions.Expect(page.Locator(".status")).ToHaveTextAsync("답변 완료");

        await page.GetByLabel("내용", new() { Exact = true }).FillAsync("등록했더니 잘 됩니다. 감사합니다!");
        await page.GetByRole(AriaRole.Button, new() { Name = "보내기" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "추가 문의를 보냈습니다." })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".message--customer").Last).ToContainTextAsync("등록했더니 잘 됩니다. 감사합니다!");
        using var agent = site.Agent();
        var seen = await agent.GetFromJsonAsync<JsonElement>($"/api/agent/inquiries/{id}");
        Assert.Contains(seen.GetProperty("messages").EnumerateArray(), m =>
            m.GetProperty("author").GetString() == "customer" && m.GetProperty("body").GetString() == "등록했더니 잘 됩니다. 감사합니다!");
    }

    [Fact]
    public async Task No_customer_or_agent_text_becomes_a_script_capable_url_on_the_inquiry_page()
    {
        var marker = $"T{Guid.NewGuid():N}"[..9];
        var (id, token) = await site.SubmitThroughApiAsync($"links-{Guid.NewGuid():N}@customer.test", "링크 점검", UnsafeMarkdown.Text($"details {marker}"));
        await ReplyAsAgentAsync(id, UnsafeMarkdown.Text($"reply {marker}"));
        using var customer = site.Inquiry();
        using var followUp = new HttpRequestMessage(HttpMethod.Post, $"/api/inquiries/{id}/messages") { Content = JsonContent.Create(new { body = UnsafeMarkdown.Text($"follow-up {marker}") }) };
        followUp.Headers.Add("X-Inquiry-Token", token);
        Assert.Equal(HttpStatusCode.Created, (await customer.SendAsync(followUp)).StatusCode);

        var page = await site.OpenPageAsync();
        await page.GotoAsync($"/inquiries/{id}?token={Uri.EscapeDataString(token)}");

        foreach (var entry in new[] { "details", "reply", "follow-up" })
        {
            await Assertions.Expect(page.Locator(".thread")).ToContainTextAsync($"{entry} {marker}");
        }

        Assert.Empty(await page.EvaluateAsync<string[]>(UnsafeMarkdown.FindScriptCapableUrls));
    }

    [Fact]
    public async Task An_empty_answer_is_refused_beside_the_reply_box()
    {
        var (id, token) = await site.SubmitThroughApiAsync($"empty-{Guid.NewGuid():N}@customer.test", "빈 답장");
        var page = await site.OpenPageAsync(javaScript: false);
        await page.GotoAsync($"/inquiries/{id}?token={Uri.EscapeDataString(token)}");

        await page.GetByRole(AriaRole.Button, new() { Name = "보내기" }).ClickAsync();

        await Assertions.Expect(page.Locator("#body-error")).ToHaveTextAsync("필수 입력 항목입니다.");
        await Assertions.Expect(page.GetByLabel("내용", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task A_wrong_token_finds_nothing_and_says_no_more_than_an_unknown_id()
    {
        var (id, _) = await site.SubmitThroughApiAsync($"guess-{Guid.NewGuid():N}@customer.test", "추측");
        using var lounge = site.Lounge();

        var wrongToken = await lounge.GetAsync($"/inquiries/{id}?token=not-the-token");
        var unknownId = await lounge.GetAsync($"/inquiries/{Guid.NewGuid()}?token=not-the-token");
        var noToken = await lounge.GetAsync($"/inquiries/{id}");

        Assert.Equal(HttpStatusCode.NotFound, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noToken.StatusCode);
        Assert.Equal(await unknownId.Content.ReadAsStringAsync(), await wrongToken.Content.ReadAsStringAsync());
    }

    /// <summary>Issue 20, finding 3: a short link signature answered 500; a token with a line break could not even be sent.</summary>
    [Theory]
    [InlineData("L1.99999999999.AB")]
    [InlineData("L1.99999999999.!!!!")]
    [InlineData("L1.-1.AAAA")]
    [InlineData("L1.99999999999999999999999.AB")]
    [InlineData("L1.99999999999.%ED%95%9C%EA%B8%80")]
    [InlineData("line%0Abreak")]
    [InlineData("tab%09")]
    public async Task A_malformed_token_finds_nothing(string token)
    {
        var (id, _) = await site.SubmitThroughApiAsync($"garbled-{Guid.NewGuid():N}@customer.test", "깨진 링크");
        using var lounge = site.Lounge();

        var read = await lounge.GetAsync($"/inquiries/{id}?token={token}");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    private async Task ReplyAsAgentAsync(Guid id, string body)
    {
        using var agent = site.Agent();
        var view = await agent.GetAsync($"/api/agent/inquiries/{id}");
        view.EnsureSuccessStatusCode();
        using var reply = new HttpRequestMessage(HttpMethod.Post, $"/api/agent/inquiries/{id}/replies") { Content = JsonContent.Create(new { body }) };
        reply.Headers.IfMatch.Add(view.Headers.ETag!);
        var answered = await agent.SendAsync(reply);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }
}
