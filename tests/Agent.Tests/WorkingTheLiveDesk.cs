using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Agent.Tests.DeskPages;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// The live desk across two replicas of the desk on one broker: what one agent does on one replica
/// appears on a colleague's page served by the other, without a reload, and each sees who else has
/// the inquiry open and who is typing. The 412 stays the last guard.
/// </summary>
public sealed class WorkingTheLiveDesk(DeskPlatform platform, Chromium chromium) : IClassFixture<DeskPlatform>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_reply_on_one_replica_appears_on_the_other_without_a_reload_with_presence_coming_and_going()
    {
        var (_, kimEmail) = await platform.CreateMemberAsync(StaffRoles.Agent, "김상담");
        var (_, leeEmail) = await platform.CreateMemberAsync(StaffRoles.Agent, "이선배");
        var (inquiryId, _) = await platform.SubmitInquiryAsync($"실시간 데스크 {Marker()}");
        await platform.WaitUntilQueuedAsync(inquiryId);
        var path = $"/inquiries/{inquiryId}";
        var kim = await chromium.NewPageAsync();
        var lee = await chromium.NewPageAsync();
        await kim.GotoAsync(new Uri(platform.DeskUrl, path).ToString());
        await SignInAsync(kim, kimEmail);
        await Assertions.Expect(kim.Locator("#live-status")).ToContainTextAsync("Live");
        await MarkAsLoadedAsync(kim);

        await lee.GotoAsync(new Uri(platform.SecondDesk.Url, path).ToString());
        await SignInAsync(lee, leeEmail);
        await Assertions.Expect(kim.Locator("#presence li")).ToHaveTextAsync("이선배 님이 보고 있습니다 (viewing)");
        await Assertions.Expect(lee.Locator("#presence li")).ToHaveTextAsync("김상담 님이 보고 있습니다 (viewing)");

        await kim.FillAsync("#Body", "제가 답변을 쓰고 있습니다.");
        await Assertions.Expect(lee.Locator("#presence li")).ToHaveTextAsync("김상담 님이 답변 작성 중입니다 (typing a reply)");
        var violations = new List<string>();
        await CollectAsync(lee, "inquiry with presence", violations);

        await lee.FillAsync("#Body", "선배가 먼저 드리는 답변입니다.");
        await lee.ClickAsync("#send");
        await Assertions.Expect(lee.Locator("#done")).ToBeVisibleAsync();

        await Assertions.Expect(kim.Locator("#thread .entry.agent")).ToContainTextAsync("선배가 먼저 드리는 답변입니다.");
        await Assertions.Expect(kim.Locator("#status")).ToContainTextAsync("Answered");
        await Assertions.Expect(kim.Locator("#live-notice")).ToContainTextAsync("답변이 추가되었습니다");
        await CollectAsync(kim, "inquiry updated live", violations);
        Assert.True(await IsStillTheLoadedPageAsync(kim), "Kim's page was reloaded");
        await Assertions.Expect(kim.Locator("#Body")).ToHaveValueAsync("제가 답변을 쓰고 있습니다.");

        // Kim's form still carries the version Kim saw: sending now is refused with what changed.
        await kim.ClickAsync("#send");
        await Assertions.Expect(kim.Locator("#conflict")).ToContainTextAsync("선배가 먼저 드리는 답변입니다.");

        await lee.CloseAsync();
        await Assertions.Expect(kim.Locator("#presence li")).ToHaveCountAsync(0);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task The_queue_on_one_replica_lists_a_new_inquiry_and_an_assignment_without_a_reload()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent, "박대기");
        var marker = Marker();
        var queue = await chromium.NewPageAsync();
        await queue.GotoAsync(new Uri(platform.SecondDesk.Url, "/?q=" + Uri.EscapeDataString(marker)).ToString());
        await SignInAsync(queue, agentEmail);
        await Assertions.Expect(queue.Locator("#live-status")).ToContainTextAsync("Live");
        await Assertions.Expect(queue.Locator("#queue-total")).ToContainTextAsync("0건");
        await MarkAsLoadedAsync(queue);
        var violations = new List<string>();
        await CollectAsync(queue, "live queue", violations);

        var (inquiryId, _) = await platform.SubmitInquiryAsync($"대기열 실시간 {marker}");
        await Assertions.Expect(queue.Locator("#queue tbody tr")).ToContainTextAsync(marker);
        await Assertions.Expect(queue.Locator("#live-notice")).ToContainTextAsync("새 문의가 도착했습니다");

        using var other = new HttpClient { BaseAddress = platform.InquiryUrl };
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StaffTokens.For(Guid.NewGuid(), "한동료", StaffRoles.Agent));
        var view = await other.GetAsync($"/api/agent/inquiries/{inquiryId}");
        using var assign = new HttpRequestMessage(HttpMethod.Post, $"/api/agent/inquiries/{inquiryId}/assign") { Content = JsonContent.Create(new { }) };
        assign.Headers.IfMatch.Add(view.Headers.ETag!);
        Assert.True((await other.SendAsync(assign)).IsSuccessStatusCode);

        await Assertions.Expect(queue.Locator("#queue tbody tr")).ToContainTextAsync("한동료");
        Assert.True(await IsStillTheLoadedPageAsync(queue), "the queue was reloaded");
        await CollectAsync(queue, "live queue after changes", violations);
        Assert.Empty(violations);
    }

    private static Task MarkAsLoadedAsync(IPage page) => page.EvaluateAsync("() => { window.loadedOnce = true; }");

    private static Task<bool> IsStillTheLoadedPageAsync(IPage page) => page.EvaluateAsync<bool>("() => window.loadedOnce === true");
}
