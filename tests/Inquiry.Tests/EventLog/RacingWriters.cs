using System.Net;
using SupportPlatform.Inquiry.Tests.Api;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;

namespace SupportPlatform.Inquiry.Tests.EventLog;

public sealed class RacingWriters(InquiryApi api) : IClassFixture<InquiryApi>
{
    private const int Writers = 16;
    private const int Rounds = 5;

    [Fact]
    public async Task Sixteen_agents_on_the_same_version_give_one_winner_per_version_and_412_to_the_rest()
    {
        var receipt = await api.SubmitAsync();
        var id = receipt.InquiryId;
        var clients = Enumerable.Range(0, Writers).Select(_ => api.Agent()).ToArray();

        for (var round = 0; round < Rounds; round++)
        {
            var version = 2 + round;
            using var start = new SemaphoreSlim(0, Writers);
            var attempts = clients.Select(async (client, writer) =>
            {
                await start.WaitAsync();
                return await SendAsync(client, id, "notes", $"\"{version}\"", new { body = $"round {round}, writer {writer}" });
            }).ToArray();
            start.Release(Writers);
            var responses = await Task.WhenAll(attempts);

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
            var losers = responses.Where(r => r.StatusCode == HttpStatusCode.PreconditionFailed).ToArray();
            foreach (var loser in losers)
            {
                Assert.Equal(version + 1, (await loser.JsonAsync()).GetProperty("currentVersion").GetInt64());
            }
        }

        // No gaps and no duplicates: versions 1..n, one event each.
        var versions = await api.Database.ScalarAsync<long[]>("SELECT array_agg(version ORDER BY version) FROM inquiry.mt_events WHERE stream_id = @id", ("id", id));
        Assert.Equal(Enumerable.Range(1, 2 + Rounds).Select(v => (long)v), versions);
        Assert.Equal(2 + Rounds, await api.Database.ScalarAsync<long>("SELECT version FROM inquiry.mt_streams WHERE id = @id", ("id", id)));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
