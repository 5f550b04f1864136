using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.Knowledge.Seeding;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>An edit another replica makes shows here within a second (one poll of the catalog version and a patch).</summary>
public sealed class SeeingEditsFromOtherReplicas(KnowledgeService service) : IClassFixture<KnowledgeService>
{
    [Fact]
    public async Task An_edit_written_by_another_replica_is_recommended_within_a_second()
    {
        var store = service.Factory.Services.GetRequiredService<ArticleStore>();
        var seed = SeedArticles.Shipped().Single(s => s.Slug == "tmse-content-filter-not-blocking");
        var client = service.Client();
        const string text = "첨부 암호 해제 필터";
        var before = await client.GetFromJsonAsync<JsonElement[]>("/api/recommendations?limit=3&text=" + Uri.EscapeDataString(text));
        Assert.DoesNotContain(before!, r => r.GetProperty("slug").GetString() == seed.Slug && r.GetProperty("matchedTerms").EnumerateArray().Any(t => t.GetString() == "해제"));

        // Written straight to the database, as another replica would: this replica only learns of it by polling.
        var (outcome, _) = await store.UpdateAsync(
            seed.Slug, new ArticleContent(seed.Title, "mail-security", seed.Products, seed.Body + "\n\n첨부 암호 해제 필터도 컨텐츠 필터 화면에서 설정합니다.\n"),
            "other replica", DateTimeOffset.UtcNow, expectedRevision: null, seedHash: null, CancellationToken.None);
        Assert.Equal(WriteOutcome.Done, outcome);
        var written = Stopwatch.StartNew();
        while (true)
        {
            var now = await client.GetFromJsonAsync<JsonElement[]>("/api/recommendations?limit=3&text=" + Uri.EscapeDataString(text));
            if (now!.Any(r => r.GetProperty("slug").GetString() == seed.Slug && r.GetProperty("matchedTerms").EnumerateArray().Any(t => t.GetString() == "해제")))
            {
                break;
            }

            Assert.True(written.Elapsed < TimeSpan.FromSeconds(1), "the edit did not show within a second");
            await Task.Delay(20);
        }
    }
}
