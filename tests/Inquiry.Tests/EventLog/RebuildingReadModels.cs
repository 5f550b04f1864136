using System.Net;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Retention;
using SupportPlatform.Inquiry.Retention.Purging;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Inquiry.Tests.Retention;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;

namespace SupportPlatform.Inquiry.Tests.EventLog;

public sealed class RebuildingReadModels(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task A_rebuild_replays_every_stream_into_both_read_models()
    {
        using var agent = api.Agent();
        using var compliance = api.Compliance();
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var id = (await api.SubmitAsync(Requests.Valid($"rebuild{i}@hanil-mail.co.kr"))).InquiryId;
            ids.Add(id);
            if (i % 3 == 0)
            {
                Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "replies", "\"2\"", new { body = "답변" })).StatusCode);
            }

            if (i % 4 == 0)
            {
                Assert.Equal(HttpStatusCode.OK, (await ComplianceDesk.HoldAsync(compliance, id)).StatusCode);
            }
        }

        // Purge markers live in the log too, and must not turn into documents.
        var gone = ids[1];
        Assert.Equal(HttpStatusCode.OK, (await compliance.PostAsync("/api/compliance/erasure-requests", System.Net.Http.Json.JsonContent.Create(new { email = "rebuild1@hanil-mail.co.kr" }))).StatusCode);
        var kept = ids.Where(id => id != gone).ToArray();
        await api.ProjectedAsync(kept);
        var queueBefore = await SnapshotAsync("mt_doc_queue");
        var retentionBefore = await SnapshotAsync("mt_doc_retention");
        Assert.Equal(kept.Length, queueBefore.Split('\n').Length);

        // Lose both read models, then let Marten replay the log into them.
        await api.Database.ScalarAsync<int>("WITH a AS (DELETE FROM inquiry.mt_doc_queue RETURNING 1), b AS (DELETE FROM inquiry.mt_doc_retention RETURNING 1) SELECT 0");
        var daemon = api.Daemon();
        await daemon.RebuildProjectionAsync(QueueProjection.ProjectionName, TimeSpan.FromMinutes(1), CancellationToken.None);
        await daemon.RebuildProjectionAsync(RetentionIndexProjection.ProjectionName, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(queueBefore, await SnapshotAsync("mt_doc_queue"));
        Assert.Equal(retentionBefore, await SnapshotAsync("mt_doc_retention"));
        Assert.Equal(0, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_doc_queue WHERE id = @id", ("id", gone)));
        Assert.Equal(1, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.purge_audit WHERE inquiry_id = @id AND reason = @reason", ("id", gone), ("reason", PurgeReasons.ErasureRequest)));
    }

    private Task<string> SnapshotAsync(string table) =>
        api.Database.ScalarAsync<string>($"SELECT coalesce(string_agg(id::text || ' ' || data::text, E'\\n' ORDER BY id), '') FROM inquiry.{table}");
}
