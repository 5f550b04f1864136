using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
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
}
