using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>What the recommendation response adds to the Lounge contract: where the snippet matches and why.</summary>
public sealed class ExplainingRecommendations(KnowledgeService service) : IClassFixture<KnowledgeService>
{
    [Fact]
    public async Task Each_recommendation_keeps_the_contract_fields_and_marks_the_matched_words_in_its_snippet()
    {
        var started = Stopwatch.GetTimestamp();
        var recommendations = (await service.Client().GetFromJsonAsync<JsonElement[]>("/api/recommendations?limit=3&text=" + Uri.EscapeDataString("랜섬웨어 감염 예방")))!;
        Assert.NotEmpty(recommendations);
        var first = recommendations[0];
        foreach (var field in new[] { "slug", "title", "category", "snippet", "score", "highlights", "matchedTerms" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"no {field} in {first}");
        }

        var snippet = first.GetProperty("snippet").GetString()!;
        var marked = first.GetProperty("highlights").EnumerateArray()
            .Select(h => snippet.Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32()))
            .ToList();
        Assert.Contains(marked, m => m.Contains("랜섬웨어", StringComparison.Ordinal) || m.Contains("감염", StringComparison.Ordinal));
        Assert.Contains("랜섬웨어", first.GetProperty("matchedTerms").EnumerateArray().Select(t => t.GetString()));
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30));
    }
}
