using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Agent.Tests.DeskPages;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// Saved replies (저장된 답변) on the real desk and services: written on their page with revisions,
/// found in the reply box by Korean prefix as the agent types, filled from the inquiry when
/// inserted, never sent with a variable empty, and never holding the customer's data.
/// </summary>
public sealed partial class UsingSavedReplies(DeskPlatform platform, Chromium chromium) : IClassFixture<DeskPlatform>, IClassFixture<Chromium>
{
    private const string Company = "다우테크놀로지 주식회사";

    [Fact]
    public async Task A_team_reply_is_found_by_a_half_typed_prefix_filled_from_the_inquiry_and_never_sent_with_a_variable_empty()
    {
        var (_, agentEmail) = await platform.CreateMemberAsync(StaffRoles.Agent, "김상담");
        var marker = Marker();
        var (inquiryId, customerEmail) = await platform.SubmitInquiryAsync($"저장된 답변 {marker}");
        await platform.WaitUntilQueuedAsync(inquiryId);
        var page = await chromium.NewPageAsync();
        var violations = new List<string>();

        await page.GotoAsync(new Uri(platform.DeskUrl, "/replies/new").ToString());
        await SignInAsync(page, agentEmail);
        var title = $"안녕하세요 첫 인사 {marker}";
        await page.FillAsync("#Title", title);
        await page.FillAsync("#Body", "{{회사}} 고객님, 안녕하세요.");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#Body-error")).ToContainTextAsync("{{회사}}");
        await Assertions.Expect(page.Locator("#Body")).ToHaveAttributeAsync("aria-invalid", "true");
        await CollectAsync(page, "new saved reply with a field error", violations);

        var template = "{{회사명}} 고객님, 안녕하세요.\n\n문의 번호 {{문의번호}}는 **{{담당자}}** 가 맡았습니다.\n\n진행 상황: {{고객케어 라운지 링크}}";
        await page.FillAsync("#Body", template);
        await page.ClickAsync("#save");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/replies/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("#done")).ToContainTextAsync("만들었습니다");
        var replyUrl = page.Url;
        await page.FillAsync("#Body", template + "\n\n감사합니다.");
        await page.ClickAsync("#preview-button");
        await Assertions.Expect(page.Locator("#preview")).ToContainTextAsync("{{회사명}}");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#done")).ToContainTextAsync("개정 2");
        await Assertions.Expect(page.Locator("details")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("details summary").First).ToContainTextAsync("rev 2 · 김상담");
        await CollectAsync(page, "saved reply with revisions", violations);

        await page.GotoAsync(new Uri(platform.DeskUrl, "/replies?q=" + Uri.EscapeDataString("ㅊ ㅇ")).ToString());
        await Assertions.Expect(page.Locator("#team-replies a", new() { HasTextString = marker })).ToHaveCountAsync(1);
        await CollectAsync(page, "saved replies", violations);

        await page.GotoAsync(new Uri(platform.DeskUrl, $"/inquiries/{inquiryId}").ToString());
        await page.FillAsync("#Body", "확인했습니다.");
        await page.FillAsync("#SavedQuery", $"안녀");
        var pick = page.Locator("#saved-results button", new() { HasTextString = marker });
        await Assertions.Expect(pick).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#saved-status")).Not.ToBeEmptyAsync();
        await CollectAsync(page, "inquiry with saved-reply results", violations);
        await pick.ClickAsync();

        var body = page.Locator("#Body");
        await Assertions.Expect(body).ToHaveValueAsync(new Regex("^확인했습니다\\.\\n\\n" + Regex.Escape(Company)));
        var inserted = await body.InputValueAsync();
        Assert.Contains($"문의 번호 {inquiryId}는 **{{{{담당자}}}}**", inserted, StringComparison.Ordinal);
        Assert.Contains("진행 상황: http://lounge.test/my-inquiries", inserted, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#unfilled")).ToContainTextAsync("{{담당자}}");
        await CollectAsync(page, "inquiry with an unfilled variable", violations);

        await page.ClickAsync("#send");
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("채워지지 않은 변수");
        await Assertions.Expect(page.Locator(".entry.agent")).ToHaveCountAsync(0);
        await Assertions.Expect(body).ToHaveValueAsync(inserted);

        await page.FillAsync("#Body", inserted.Replace("{{담당자}}", "김상담", StringComparison.Ordinal));
        await page.ClickAsync("#send");
        await Assertions.Expect(page.Locator("#done")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".entry.agent").Last).ToContainTextAsync($"{Company} 고객님");

        // The template and its revisions hold what the agent wrote, not what filled it.
        await page.GotoAsync(replyUrl);
        await Assertions.Expect(page.Locator("#Body")).ToHaveValueAsync(template + "\n\n감사합니다.");
        var sightings = (await PersonalDataScan.FindInDatabaseAsync(platform.Database.DataSource, [Company, customerEmail, inquiryId.ToString()]))
            .Where(s => s.Where.StartsWith("agent.", StringComparison.Ordinal) && !s.Where.StartsWith("agent.audit_log.", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(sightings);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_personal_reply_is_its_owners_alone_and_the_search_answers_problem_details()
    {
        var (_, ownerEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (_, otherEmail) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var marker = Marker();
        using var owner = platform.Browser();
        using var other = platform.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await DeskPlatform.SignInAsync(owner, ownerEmail)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DeskPlatform.SignInAsync(other, otherEmail)).StatusCode);

        var form = await owner.GetStringAsync("/replies/new");
        var created = await owner.PostAsync("/replies/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Title"] = $"환불 절차 {marker}",
            ["Body"] = "환불은 {{담당자}}에게 문의하세요.",
            ["Personal"] = "true",
            ["intent"] = "save",
            ["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var replyPath = created.Headers.Location!.OriginalString;

        Assert.Contains(await SearchAsync(owner, "호"), hit => hit.GetProperty("title").GetString()!.EndsWith(marker, StringComparison.Ordinal) && !hit.GetProperty("team").GetBoolean());
        Assert.DoesNotContain(await SearchAsync(other, "호"), hit => hit.GetProperty("title").GetString()!.EndsWith(marker, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(replyPath)).StatusCode);
        Assert.DoesNotContain(marker, await other.GetStringAsync("/replies"), StringComparison.Ordinal);

        var tooLong = await owner.GetAsync("/saved-replies/search?q=" + new string('가', 51));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
        Assert.True((await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("q", out _));
        using var anonymous = platform.Browser();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/saved-replies/search?q=")).StatusCode);
    }

    private static async Task<JsonElement[]> SearchAsync(HttpClient browser, string query)
    {
        var response = await browser.GetAsync("/saved-replies/search?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }
}
