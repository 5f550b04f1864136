using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

/// <summary>Staff keep the concept table over HTTP; recommendations follow it, and every change is a revision.</summary>
public sealed class KeepingTheDomainVocabulary(KnowledgeService service) : IClassFixture<KnowledgeService>
{
    private HttpClient Agent() => service.Client().WithStaff(StaffRoles.Agent);

    private async Task<string[]> RecommendedSlugs(string text) =>
        (await service.Client().GetFromJsonAsync<JsonElement[]>("/api/recommendations?limit=3&text=" + Uri.EscapeDataString(text)))!
            .Select(r => r.GetProperty("slug").GetString()!).ToArray();

    [Fact]
    public async Task The_shipped_vocabulary_is_listed_with_revision_1()
    {
        var concepts = (await Agent().GetFromJsonAsync<JsonElement[]>("/api/staff/vocabulary"))!;
        var bounce = concepts.Single(c => c.GetProperty("concept").GetString() == "too-many-recipients");
        Assert.Equal(1, bounce.GetProperty("revision").GetInt32());
        Assert.Contains("452 4 5 3", bounce.GetProperty("phrases").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task A_new_colloquial_phrase_finds_its_article_right_after_the_edit_and_the_history_keeps_both_revisions()
    {
        const string text = "메일이 공중분해돼요";
        Assert.DoesNotContain("tmse-mail-missing-in-daouoffice", await RecommendedSlugs(text));

        var created = await Agent().PutAsJsonAsync("/api/staff/vocabulary/vanishing-mail", new { phrases = new[] { "공중분해" }, articles = new[] { "tmse-mail-missing-in-daouoffice" } });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        Assert.Contains("tmse-mail-missing-in-daouoffice", await RecommendedSlugs(text));

        var stale = new HttpRequestMessage(HttpMethod.Put, "/api/staff/vocabulary/vanishing-mail") { Content = JsonContent.Create(new { phrases = new[] { "증발" }, articles = Array.Empty<string>() }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Agent().SendAsync(stale)).StatusCode);

        var deleted = new HttpRequestMessage(HttpMethod.Delete, "/api/staff/vocabulary/vanishing-mail");
        deleted.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.NoContent, (await Agent().SendAsync(deleted)).StatusCode);
        Assert.DoesNotContain("tmse-mail-missing-in-daouoffice", await RecommendedSlugs(text));

        var revisions = (await Agent().GetFromJsonAsync<JsonElement[]>("/api/staff/vocabulary/vanishing-mail/revisions"))!;
        Assert.Equal([2, 1], revisions.Select(r => r.GetProperty("revision").GetInt32()));
        Assert.True(revisions[0].GetProperty("deleted").GetBoolean());
    }

    [Fact]
    public async Task Bad_edits_get_field_errors_and_customers_cannot_edit()
    {
        var bad = await Agent().PutAsJsonAsync("/api/staff/vocabulary/Not%20A%20Key", new { phrases = Array.Empty<string>(), articles = new[] { "no-such-article" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("concept", out _));
        Assert.True(errors.TryGetProperty("phrases", out _));
        Assert.True(errors.TryGetProperty("articles", out _));

        var anonymous = await service.Client().PutAsJsonAsync("/api/staff/vocabulary/anything", new { phrases = new[] { "x1" } });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
