using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Inquiry.Inquiries.SearchingMessages;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.SubmittingInquiries;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// Issue 25: agents search what was written in past inquiries (summary, details, replies, customer
/// messages on the web and by email, notes) through an index of keyed hashes, Korean words matched
/// inside longer words, the inquiries holding most of the query's terms first; and see the
/// inquiries most like one. Words are random Hangul syllables, so no other test's text matches them.
/// </summary>
public sealed class SearchingMessageText(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task Every_kind_of_message_is_found_by_its_words_and_a_held_email_only_once_accepted()
    {
        var words = Enumerable.Range(0, 7).Select(_ => Hangul(3)).ToArray();
        var (id, accessToken) = await SubmitAsync($"{words[0]} 문의", $"상세 내용: {words[1]}가 안 됩니다.");
        using var agent = api.Agent();
        using var customer = api.Customer();
        using var service = api.Service.CreateClient().WithStaff("service");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "replies", await VersionAsync(id), new { body = $"{words[2]}를 확인해 주세요." })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostMessageAsync(customer, id, accessToken, $"{words[3]}도 해 봤습니다.")).StatusCode);
        var replyToken = (await service.GetFromJsonAsync<Contracts.InquiryForEmail>($"/internal/inquiries/{id}"))!.ReplyToken!;
        await ReceiveEmailAsync(service, id, replyToken, Requests.Email, $"메일로 답합니다. {words[4]}입니다.");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "notes", await VersionAsync(id), new { body = $"내부 메모 {words[5]}" })).StatusCode);
        await ReceiveEmailAsync(service, id, replyToken, "someone@elsewhere.test", $"다른 발신자 {words[6]}");

        foreach (var word in words[..6])
        {
            await Eventually.TrueAsync(async () => (await SearchAsync(word)).Items.Any(h => h.InquiryId == id), $"'{word}' to find its inquiry");
        }

        // Three syllables are two bigrams: both match.
        var found = await SearchAsync(words[0]);
        var hit = found.Items.Single(h => h.InquiryId == id);
        Assert.Equal((2, 2, "waiting", $"{words[0]} 문의"), (found.Terms, hit.Matches, hit.Status, hit.Summary));
        Assert.DoesNotContain(id, (await SearchAsync(words[6])).Items.Select(h => h.InquiryId));

        var held = (await (await agent.GetAsync($"/api/agent/inquiries/{id}")).JsonAsync()).GetProperty("heldEmails").EnumerateArray().Single().GetProperty("id").GetGuid();
        var accept = new HttpRequestMessage(HttpMethod.Post, $"/api/agent/inquiries/{id}/held-emails/{held}") { Content = JsonContent.Create(new { accept = true }) };
        accept.Headers.TryAddWithoutValidation("If-Match", await VersionAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await agent.SendAsync(accept)).StatusCode);
        await Eventually.TrueAsync(async () => (await SearchAsync(words[6])).Items.Any(h => h.InquiryId == id), "the accepted email's words to find its inquiry");
    }

    [Fact]
    public async Task A_Korean_word_is_found_by_its_beginning_and_by_a_part_inside_a_longer_word()
    {
        var stem = Hangul(2);
        var (id, _) = await SubmitAsync("대량 메일 문의", $"어제부터 {stem}대량발송이 자꾸 막힙니다.");

        await Eventually.TrueAsync(async () => (await SearchAsync(stem)).Items.Any(h => h.InquiryId == id), "the word's first syllables to find it");
        Assert.Contains(id, (await SearchAsync("발송")).Items.Select(h => h.InquiryId));
        Assert.Contains(id, (await SearchAsync($"{stem[1]}대")).Items.Select(h => h.InquiryId));
        Assert.Contains(id, (await SearchAsync($"{stem}대량")).Items.Select(h => h.InquiryId));
        Assert.DoesNotContain(id, (await SearchAsync($"{stem[1]}{stem[0]}")).Items.Select(h => h.InquiryId));
    }

    [Fact]
    public async Task The_inquiries_holding_most_of_the_query_come_first_and_equal_ones_newest_first()
    {
        var (a, b, c) = (Hangul(2), Hangul(2), Hangul(2));
        var (one, _) = await SubmitAsync("순위 하나", $"{a} 관련입니다.");
        var (three, _) = await SubmitAsync("순위 셋", $"{a} 그리고 {b} 그리고 {c}");
        var (twoOlder, _) = await SubmitAsync("순위 둘", $"{b}, {c}");
        var (twoNewer, _) = await SubmitAsync("순위 둘 다음", $"{a}{c}");

        var query = $"{a} {b} {c}";
        Contracts.MessageSearchResults results = null!;
        await Eventually.TrueAsync(async () => (results = await SearchAsync(query)).Total == 4, "all four inquiries to match");

        Assert.Equal([three, twoNewer, twoOlder, one], results.Items.Select(h => h.InquiryId));
        Assert.Equal([3, 2, 2, 1], results.Items.Select(h => h.Matches));
        Assert.Equal(3, results.Terms);
        Assert.Equal([three, twoNewer], (await SearchAsync(query, limit: 2)).Items.Select(h => h.InquiryId));
    }

    [Fact]
    public async Task Similar_inquiries_are_the_others_sharing_most_terms_with_this_one()
    {
        var words = Enumerable.Range(0, 4).Select(_ => Hangul(2)).ToArray();
        var (subject, _) = await SubmitAsync($"{words[0]} {words[1]}", $"{words[2]} {words[3]}");
        var (closest, _) = await SubmitAsync($"{words[0]} {words[1]}", $"{words[2]}");
        var (next, _) = await SubmitAsync($"{words[3]}", "관계없는 내용");
        var (unrelated, _) = await SubmitAsync(Hangul(2), Hangul(3));
        using var agent = api.Agent();

        Contracts.MessageSearchResults similar = null!;
        await Eventually.TrueAsync(
            async () => (similar = (await agent.GetFromJsonAsync<Contracts.MessageSearchResults>($"/api/agent/inquiries/{subject}/similar"))!).Items.Any(h => h.InquiryId == next),
            "the similar inquiries to be indexed");

        Assert.Equal([closest, next], similar.Items.Select(h => h.InquiryId).Where(i => i == closest || i == next));
        Assert.Equal(closest, similar.Items[0].InquiryId);
        Assert.DoesNotContain(subject, similar.Items.Select(h => h.InquiryId));
        Assert.DoesNotContain(unrelated, similar.Items.Select(h => h.InquiryId));
        Assert.All(similar.Items, h => Assert.Null(h.Summary));
        Assert.True(similar.Items.Count <= 5);
    }

    [Fact]
    public async Task Bad_searches_get_problem_details_and_other_roles_none()
    {
        using var agent = api.Agent();
        using var compliance = api.Compliance();
        var (id, _) = await SubmitAsync("검색 오류 확인", "내용");

        foreach (var query in new[] { "/search", "/search?q=%20%20", "/search?q=" + new string('가', 201), "/search?q=a", "/search?q=!!" })
        {
            var response = await agent.GetAsync("/api/agent/inquiries" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(["q"], await response.ErrorKeysAsync());
        }

        Assert.Equal(["limit"], await (await agent.GetAsync("/api/agent/inquiries/search?q=스팸&limit=51")).ErrorKeysAsync());
        Assert.Equal(["limit"], await (await agent.GetAsync($"/api/agent/inquiries/{id}/similar?limit=21")).ErrorKeysAsync());
        var unknown = await agent.GetAsync($"/api/agent/inquiries/{Guid.NewGuid()}/similar");
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (unknown.StatusCode, unknown.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.GetAsync("/api/agent/inquiries/search?q=스팸")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.GetAsync($"/api/agent/inquiries/{id}/similar")).StatusCode);
    }

    [Fact]
    public async Task A_rebuild_from_the_streams_gives_the_index_and_its_counts_the_log_built_and_drops_rows_of_no_inquiry()
    {
        var words = Enumerable.Range(0, 3).Select(_ => Hangul(3)).ToArray();
        var (id, accessToken) = await SubmitAsync($"재구성 {words[0]}", "재구성 확인용 상세");
        using var agent = api.Agent();
        using var customer = api.Customer();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "replies", await VersionAsync(id), new { body = $"답변 {words[1]}" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostMessageAsync(customer, id, accessToken, $"추가로 {words[2]}")).StatusCode);
        foreach (var word in words)
        {
            await Eventually.TrueAsync(async () => (await SearchAsync(word)).Items.Any(h => h.InquiryId == id), $"'{word}' to be indexed");
        }

        var incremental = await IndexRowsAsync();
        // The subscription keeps the per-term counts with the postings.
        var counts = await MessageSearchTables.CountsAsync(api.Database);
        Assert.Equal(await MessageSearchTables.CountedFromPostingsAsync(api.Database), counts);
        await using (var damage = api.Database.DataSource.CreateCommand(
            $"""
            DELETE FROM inquiry.message_search_terms WHERE inquiry_id = '{id}';
            INSERT INTO inquiry.message_search_terms VALUES (42, '{Guid.NewGuid()}', 'initial');
            UPDATE inquiry.message_search_term_counts SET inquiries = inquiries + 5;
            INSERT INTO inquiry.message_search_term_counts VALUES (43, 'initial', 7);
            """))
        {
            await damage.ExecuteNonQueryAsync();
        }

        var outcome = await api.Service.Services.GetRequiredService<MessageSearchRebuild>().RunAsync(CancellationToken.None);

        Assert.Equal(incremental, await IndexRowsAsync());
        Assert.Equal(counts, await MessageSearchTables.CountsAsync(api.Database));
        Assert.Equal((1, (long)incremental.Count, (long)counts.Count), (outcome.OrphansDeleted, outcome.Terms, outcome.TermCounts));
        Assert.Contains(id, (await SearchAsync(words[1])).Items.Select(h => h.InquiryId));
    }

    /// <summary>Random Hangul syllables: a word no other inquiry holds.</summary>
    internal static string Hangul(int syllables) => string.Concat(Enumerable.Range(0, syllables).Select(_ => (char)('가' + Random.Shared.Next(11_172))));

    private async Task<(Guid Id, string AccessToken)> SubmitAsync(string summary, string details)
    {
        var receipt = await api.SubmitAsync(Requests.Valid().With("summary", summary).With("details", details));
        return (receipt.InquiryId, receipt.AccessToken);
    }

    private async Task<Contracts.MessageSearchResults> SearchAsync(string query, int limit = 50)
    {
        using var agent = api.Agent();
        var response = await agent.GetAsync($"/api/agent/inquiries/search?limit={limit}&q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Contracts.MessageSearchResults>())!;
    }

    private async Task<string> VersionAsync(Guid id)
    {
        using var agent = api.Agent();
        return (await agent.GetAsync($"/api/agent/inquiries/{id}")).Headers.ETag!.Tag;
    }

    private static async Task ReceiveEmailAsync(HttpClient service, Guid id, string replyToken, string from, string text)
    {
        var email = new Contracts.InboundEmail("k-" + Guid.NewGuid().ToString("N"), replyToken, AnswersOurEmail: false, from, text, text, "spf=pass", AuthenticationFailed: false);
        Assert.Equal(HttpStatusCode.OK, (await service.PostAsJsonAsync($"/internal/inquiries/{id}/emails", email)).StatusCode);
    }

    /// <summary>The whole index, in one order.</summary>
    private async Task<List<(long Term, Guid InquiryId, string KeyId)>> IndexRowsAsync()
    {
        var rows = new List<(long, Guid, string)>();
        await using var command = api.Database.DataSource.CreateCommand("SELECT term, inquiry_id, key_id FROM inquiry.message_search_terms ORDER BY term, inquiry_id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2)));
        }

        return rows;
    }
}
