using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Knowledge.Learning;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>The loop end to end: funnel events over HTTP → relearning → recommendations → staff review.</summary>
public sealed class LearningFromUseOverHttp(KnowledgeService service) : IClassFixture<KnowledgeService>
{
    [Fact]
    public async Task Customers_who_found_their_answer_teach_the_article_their_words_and_staff_can_take_a_word_back()
    {
        const string slug = "tmse-content-filter-not-blocking";
        const string words = "욕설 메일 거르기";
        var client = service.Client();
        async Task<bool> Recommended() =>
            (await client.GetFromJsonAsync<JsonElement[]>("/api/recommendations?limit=3&text=" + Uri.EscapeDataString("욕설")))!
                .Any(r => r.GetProperty("slug").GetString() == slug);

        Assert.False(await Recommended());
        foreach (var session in Enumerable.Range(0, 4).Select(_ => Guid.NewGuid().ToString("N")))
        {
            var opened = await client.PostAsJsonAsync("/api/funnel", new { sessionId = session, kind = "opened", slug, text = words });
            Assert.Equal(HttpStatusCode.Accepted, opened.StatusCode);
        }

        // Relearn once the grace period (no inquiry filed) has passed for those sessions.
        var learning = service.Factory.Services.GetRequiredService<LearningFromUse>();
        Assert.True(await learning.RunOnceAsync(service.Factory.Time.GetUtcNow().AddHours(1), CancellationToken.None) >= 1);
        Assert.True(await Recommended());

        var agent = client.WithStaff(StaffRoles.Agent);
        var terms = (await agent.GetFromJsonAsync<JsonElement[]>("/api/staff/learned-terms"))!;
        var learned = terms.Single(t => t.GetProperty("slug").GetString() == slug && t.GetProperty("term").GetString() == "욕설");
        Assert.Equal(4, learned.GetProperty("support").GetInt32());
        Assert.Equal("active", learned.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync("/api/staff/learned-terms/rejections", new { slug, term = "욕설" })).StatusCode);
        Assert.False(await Recommended());
        await learning.RunOnceAsync(service.Factory.Time.GetUtcNow().AddHours(1), CancellationToken.None);
        Assert.False(await Recommended());

        var bad = await agent.PostAsJsonAsync("/api/staff/learned-terms/rejections", new { slug = "", term = "두 단어" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Articles_agents_insert_into_replies_teach_the_summaries_words_and_a_purge_takes_the_evidence_away()
    {
        const string slug = "tmse-daily-spam-list-auto-login";
        var client = service.Client();
        var agent = client.WithStaff(StaffRoles.Agent);
        async Task<bool> Recommended() =>
            (await client.GetFromJsonAsync<JsonElement[]>("/api/recommendations?limit=3&text=" + Uri.EscapeDataString("전자결재")))!
                .Any(r => r.GetProperty("slug").GetString() == slug);

        Assert.False(await Recommended());
        var inquiries = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var inquiry in inquiries)
        {
            service.Inquiries.Add(inquiry, "customer@example.com", "전자결재 링크 누르면 매번 로그인 창이 떠요");
            Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/api/staff/inquiries/{inquiry}/article-uses", new { slug })).StatusCode);
            // Inserting the same article again in the same inquiry adds nothing.
            Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/api/staff/inquiries/{inquiry}/article-uses", new { slug })).StatusCode);
        }

        Assert.Equal(2, await service.Database.ScalarAsync<long>($"SELECT count(*) FROM knowledge.desk_article_uses WHERE slug = '{slug}'"));
        // Stems only: "누르면" as the customer wrote it is not kept, "전자결재" (a stem already) is.
        Assert.Equal(0, await service.Database.ScalarAsync<long>("SELECT count(*) FROM knowledge.desk_article_uses WHERE '누르면' = ANY(query_terms)"));
        Assert.Equal(2, await service.Database.ScalarAsync<long>("SELECT count(*) FROM knowledge.desk_article_uses WHERE '전자결재' = ANY(query_terms)"));

        var learning = service.Factory.Services.GetRequiredService<LearningFromUse>();
        await learning.RunOnceAsync(service.Factory.Time.GetUtcNow().AddHours(1), CancellationToken.None);
        Assert.True(await Recommended());
        var terms = (await agent.GetFromJsonAsync<JsonElement[]>("/api/staff/learned-terms"))!;
        Assert.Equal(2 * LearnedTerms.DeskStrength, terms.Single(t => t.GetProperty("slug").GetString() == slug && t.GetProperty("term").GetString() == "전자결재").GetProperty("support").GetInt32());

        await service.Bus.PublishUntilAcceptedAsync(new InquiryPurged { InquiryId = inquiries[0], Reason = "erasure-request", PurgedAt = DateTimeOffset.UtcNow }, Guid.NewGuid());
        await Eventually.TrueAsync(
            async () => await service.Database.ScalarAsync<long>($"SELECT count(*) FROM knowledge.desk_article_uses WHERE inquiry_id = '{inquiries[0]}'") == 0,
            "the purged inquiry's article use to go", TimeSpan.FromSeconds(60));
        await learning.RunOnceAsync(service.Factory.Time.GetUtcNow().AddHours(1), CancellationToken.None);
        Assert.False(await Recommended());
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsJsonAsync($"/api/staff/inquiries/{inquiries[0]}/article-uses", new { slug })).StatusCode);
    }

    [Fact]
    public async Task An_article_use_names_a_published_article_and_an_existing_inquiry()
    {
        var agent = service.Client().WithStaff(StaffRoles.Agent);
        var unknownSlug = await agent.PostAsJsonAsync($"/api/staff/inquiries/{Guid.NewGuid()}/article-uses", new { slug = "no-such-article" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownSlug.StatusCode);
        Assert.True((await unknownSlug.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("slug", out _));

        var unknownInquiry = await agent.PostAsJsonAsync($"/api/staff/inquiries/{Guid.NewGuid()}/article-uses", new { slug = "tmse-daily-spam-list-auto-login" });
        Assert.Equal(HttpStatusCode.NotFound, unknownInquiry.StatusCode);

        var anonymous = await service.Client().PostAsJsonAsync($"/api/staff/inquiries/{Guid.NewGuid()}/article-uses", new { slug = "tmse-daily-spam-list-auto-login" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
