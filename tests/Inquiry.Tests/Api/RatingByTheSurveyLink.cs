using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Inquiry.Retention;
using SupportPlatform.Inquiry.Retention.Purging;
using SupportPlatform.Inquiry.Tests.Retention;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// The satisfaction survey on the real service, its clock moved by the test: closing asks once
/// (published for Notification's email), reading the survey records nothing, a submit records one
/// rating, changeable for 7 days; the comment is sealed and goes with the purge.
/// </summary>
public sealed class RatingByTheSurveyLink(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task Reading_records_nothing_a_submit_records_once_and_a_change_is_refused_after_seven_days()
    {
        var (id, token, agentId) = await AnsweredAndClosedAsync();
        await Eventually.TrueAsync(() => Task.FromResult(api.PublishedOf<Contracts.SatisfactionSurveyRequested>().Any(s => s.InquiryId == id)), "the survey request on the broker");
        using var customer = api.Customer();

        Assert.Equal(HttpStatusCode.NotFound, (await SurveyAsync(customer, HttpMethod.Get, id, "not-the-token")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            var read = await SurveyAsync(customer, HttpMethod.Get, id, token);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var survey = await read.JsonAsync();
            Assert.True(survey.GetProperty("canRate").GetBoolean());
            Assert.Null(ScoreOf(survey));
        }

        Assert.Equal(0, await RatingsAsync(id));

        var tooHigh = await SurveyAsync(customer, HttpMethod.Put, id, token, new { score = 6 });
        Assert.Equal(HttpStatusCode.BadRequest, tooHigh.StatusCode);
        Assert.Equal("application/problem+json", tooHigh.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["score"], await tooHigh.ErrorKeysAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await SurveyAsync(customer, HttpMethod.Put, id, token, new { comment = "점수 없이" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SurveyAsync(customer, HttpMethod.Put, id, token, new { score = "다섯" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SurveyAsync(customer, HttpMethod.Put, id, "not-the-token", new { score = 5 })).StatusCode);
        Assert.Equal(0, await RatingsAsync(id));

        Assert.Equal(HttpStatusCode.OK, (await SurveyAsync(customer, HttpMethod.Put, id, token, new { score = 2, comment = "설정 위치를 더 자세히 알려 주세요." })).StatusCode);
        Assert.Equal(1, await RatingsAsync(id));
        await ProjectedScoreAsync(id, 2);
        using var agent = api.Agent();
        var rating = (await (await agent.GetAsync($"/api/agent/inquiries/{id}")).JsonAsync()).GetProperty("satisfaction");
        Assert.Equal((2, "설정 위치를 더 자세히 알려 주세요."), (rating.GetProperty("score").GetInt32(), rating.GetProperty("comment").GetString()));

        api.Service.Time.Advance(TimeSpan.FromDays(6));
        Assert.Equal(HttpStatusCode.OK, (await SurveyAsync(customer, HttpMethod.Put, id, token, new { score = 4 })).StatusCode);
        await ProjectedScoreAsync(id, 4);
        var report = await (await agent.GetAsync("/api/agent/inquiries/satisfaction")).JsonAsync();
        var group = Assert.Single(report.GetProperty("agents").EnumerateArray(), g => g.GetProperty("agentId").GetGuid() == agentId);
        var figures = group.GetProperty("figures");
        Assert.Equal(("테스트 상담원", 1, 4.0), (group.GetProperty("agentName").GetString(), figures.GetProperty("ratings").GetInt32(), figures.GetProperty("averageScore").GetDouble()));

        api.Service.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var late = await SurveyAsync(customer, HttpMethod.Put, id, token, new { score = 5 });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(2, await RatingsAsync(id));
        var final = await (await SurveyAsync(customer, HttpMethod.Get, id, token)).JsonAsync();
        Assert.Equal((false, 4), (final.GetProperty("canRate").GetBoolean(), ScoreOf(final)));
    }

    [Fact]
    public async Task The_comment_is_only_sealed_and_the_purge_ends_the_rating_and_the_link()
    {
        var (id, token, _) = await AnsweredAndClosedAsync();
        const string comment = "담당자 박하늘 님 덕분에 해결했습니다";
        using var customer = api.Customer();
        Assert.Equal(HttpStatusCode.OK, (await SurveyAsync(customer, HttpMethod.Put, id, token, new { score = 5, comment })).StatusCode);
        await ProjectedScoreAsync(id, 5);

        foreach (var secret in new[] { comment, "박하늘", token })
        {
            var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret));
            foreach (var table in await TablesAsync())
            {
                var hits = await api.Database.ScalarAsync<long>(
                    $"SELECT count(*) FROM inquiry.{table} t WHERE strpos(t::text, @plain) > 0 OR strpos(t::text, @hex) > 0", ("plain", secret), ("hex", hex));
                Assert.True(hits == 0, $"'{secret}' found in plain text in inquiry.{table}");
            }
        }

        await api.ProjectedAsync(id);
        api.Service.Time.Advance(ComplianceDesk.PastRetention);
        var purged = await api.Service.Services.GetRequiredService<InquiryPurger>()
            .PurgeAsync([id], PurgeReasons.RetentionExpired, Guid.CreateVersion7(), CancellationToken.None);
        Assert.Single(purged.Purged);

        await api.AssertPurgedAsync(id, PurgeReasons.RetentionExpired);
        Assert.Equal(HttpStatusCode.NotFound, (await SurveyAsync(customer, HttpMethod.Get, id, token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SurveyAsync(customer, HttpMethod.Put, id, token, new { score = 1 })).StatusCode);
    }

    /// <summary>An inquiry an agent answered and closed, and its survey token as Notification reads it.</summary>
    private async Task<(Guid Id, string Token, Guid AgentId)> AnsweredAndClosedAsync()
    {
        var id = (await api.SubmitAsync()).InquiryId;
        var agentId = Guid.NewGuid();
        using var agent = api.Service.CreateClient();
        agent.DefaultRequestHeaders.Authorization = new("Bearer", StaffTokens.For(agentId, "테스트 상담원", "agent"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "replies", "\"2\"", new { body = "필터관리에서 허용 목록을 확인해 주세요." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "close", "\"3\"")).StatusCode);
        using var service = api.Service.CreateClient().WithStaff("service");
        var forEmail = await service.GetFromJsonAsync<Contracts.InquiryForEmail>($"/internal/inquiries/{id}");
        return (id, forEmail!.SurveyToken!, agentId);
    }

    private static Task<HttpResponseMessage> SurveyAsync(HttpClient client, HttpMethod method, Guid id, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, $"/api/inquiries/{id}/satisfaction") { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Survey-Token", token);
        return client.SendAsync(request);
    }

    /// <summary>The score given so far; absent (nulls are not written) before the first rating.</summary>
    private static int? ScoreOf(JsonElement survey) =>
        survey.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetInt32() : null;

    private Task<long> RatingsAsync(Guid id) =>
        api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_events WHERE stream_id = @id AND type = 'inquiry_rated'", ("id", id));

    private Task ProjectedScoreAsync(Guid id, int score) =>
        Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<long>(
                "SELECT count(*) FROM inquiry.mt_doc_satisfaction WHERE id = @id AND (data->>'score')::int = @score", ("id", id), ("score", score)) == 1,
            $"the ratings read model to hold score {score}");

    private async Task<List<string>> TablesAsync()
    {
        var tables = new List<string>();
        await using var command = api.Database.DataSource.CreateCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'inquiry' AND table_type = 'BASE TABLE'");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        Assert.Contains("mt_doc_satisfaction", tables);
        return tables;
    }
}
