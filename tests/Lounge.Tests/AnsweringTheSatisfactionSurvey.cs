using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace SupportPlatform.Lounge.Tests;

/// <summary>
/// The survey email sent when an inquiry closes, and its Lounge page: what a mail security gateway
/// does to the link (fetch it, follow redirects) records nothing; the customer's submit records one
/// rating, which they can change.
/// </summary>
[Collection(LoungeCollection.Name)]
public sealed partial class AnsweringTheSatisfactionSurvey(LoungeSite site)
{
    [Fact]
    public async Task A_gateway_opening_the_emailed_link_records_nothing_and_the_customers_submit_records_once()
    {
        var email = $"survey-{Guid.NewGuid():N}@customer.test";
        var (id, _) = await site.SubmitThroughApiAsync(email, "스팸 메일 오탐 문의");
        var token = await site.AnswerAndCloseAsync(id);

        var mail = await site.FirstMailToAsync(email, "답변이 도움이 되셨나요?");
        var link = SurveyLink().Match(mail.TextBody ?? "").Value;
        Assert.Equal($"{site.LoungeUrl.ToString().TrimEnd('/')}/inquiries/{id}/satisfaction?token={Uri.EscapeDataString(token)}", link);

        // What a mail security gateway does: fetch the link (GET and HEAD), following redirects.
        using (var gateway = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true }))
        {
            for (var i = 0; i < 3; i++)
            {
                var page = await gateway.GetAsync(link);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("답변이 도움이 되셨나요?", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.OK, (await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Head, link))).StatusCode);
            }
        }

        Assert.Null(ScoreOf(await SurveyAsync(id, token)));
        Assert.False((await AgentViewAsync(id)).TryGetProperty("satisfaction", out var none) && none.ValueKind != JsonValueKind.Null);

        var browser = await site.OpenPageAsync();
        await browser.GotoAsync(link);
        await browser.GetByLabel("2점 – 별로 도움이 되지 않았어요").CheckAsync();
        await browser.GetByLabel("의견").FillAsync("설정 화면 위치를 더 알려 주세요.");
        await browser.GetByRole(AriaRole.Button, new() { Name = "평가 보내기" }).ClickAsync();
        await Assertions.Expect(browser.GetByRole(AriaRole.Status)).ToContainTextAsync("평가해 주셔서 감사합니다.");
        await Assertions.Expect(browser.GetByLabel("2점 – 별로 도움이 되지 않았어요")).ToBeCheckedAsync();

        Assert.Equal(2, ScoreOf(await SurveyAsync(id, token)));
        var rating = (await AgentViewAsync(id)).GetProperty("satisfaction");
        Assert.Equal((2, "설정 화면 위치를 더 알려 주세요."), (rating.GetProperty("score").GetInt32(), rating.GetProperty("comment").GetString()));

        // The page reloaded after the submit (a GET) still records nothing more; a change is a new submit.
        await browser.ReloadAsync();
        await browser.GetByLabel("5점 – 매우 도움이 되었어요").CheckAsync();
        await browser.GetByRole(AriaRole.Button, new() { Name = "평가 바꾸기" }).ClickAsync();
        await Assertions.Expect(browser.GetByRole(AriaRole.Status)).ToContainTextAsync("평가해 주셔서 감사합니다.");
        Assert.Equal(5, ScoreOf(await SurveyAsync(id, token)));
    }

    [Fact]
    public async Task A_submit_without_a_score_is_refused_beside_the_choices_in_Korean()
    {
        var (id, _) = await site.SubmitThroughApiAsync($"survey-empty-{Guid.NewGuid():N}@customer.test", "점수 없이");
        var token = await site.AnswerAndCloseAsync(id);
        var page = await site.OpenPageAsync(javaScript: false);
        await page.GotoAsync($"/inquiries/{id}/satisfaction?token={Uri.EscapeDataString(token)}");

        await page.GetByRole(AriaRole.Button, new() { Name = "평가 보내기" }).ClickAsync();

        await Assertions.Expect(page.Locator("#score-error")).ToHaveTextAsync("1점부터 5점 중 하나를 골라 주세요.");
        await Assertions.Expect(page.GetByLabel("1점 – 전혀 도움이 되지 않았어요")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Null(ScoreOf(await SurveyAsync(id, token)));
    }

    [Fact]
    public async Task A_wrong_survey_token_or_the_private_link_token_finds_nothing()
    {
        var (id, accessToken) = await site.SubmitThroughApiAsync($"survey-guess-{Guid.NewGuid():N}@customer.test", "추측");
        await site.AnswerAndCloseAsync(id);
        using var lounge = site.Lounge();

        Assert.Equal(HttpStatusCode.NotFound, (await lounge.GetAsync($"/inquiries/{id}/satisfaction?token=not-the-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lounge.GetAsync($"/inquiries/{id}/satisfaction?token={Uri.EscapeDataString(accessToken)}")).StatusCode);
    }

    private async Task<JsonElement> SurveyAsync(Guid id, string token)
    {
        using var client = site.Inquiry();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/inquiries/{id}/satisfaction");
        request.Headers.Add("X-Survey-Token", token);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The score given so far; absent (nulls are not written) before the first rating.</summary>
    private static int? ScoreOf(JsonElement survey) =>
        survey.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetInt32() : null;

    private async Task<JsonElement> AgentViewAsync(Guid id)
    {
        using var agent = site.Agent();
        return await agent.GetFromJsonAsync<JsonElement>($"/api/agent/inquiries/{id}");
    }

    [GeneratedRegex(@"https?://\S+/satisfaction\?token=\S+")]
    private static partial Regex SurveyLink();
}
