using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;
using Xunit;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.EventLog;

/// <summary>
/// Readers of the log (the read-model projections and the publisher to RabbitMQ) run in Marten's
/// daemon. An event whose transaction commits late must still reach them, and a sequence number
/// burnt by a rolled-back append must not hold them up forever.
/// </summary>
public sealed class ReadingLateCommits(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task An_append_held_open_for_ten_seconds_while_later_ones_commit_is_neither_skipped_by_the_projection_nor_by_the_publisher()
    {
        var slow = await api.SubmitAsync();
        await Eventually.TrueAsync(async () => await api.QueueVersionAsync(slow.InquiryId) == 2, "the slow inquiry to be projected");

        await using var connection = await api.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var replyId = await api.AppendReplyAsync(transaction, slow.InquiryId, expectedVersion: 2, "늦게 커밋되는 답변");

        // While it is open, later appends commit. The daemon sees the hole their sequence numbers
        // leave and, as long as a live transaction could still fill it, waits instead of skipping it.
        var held = System.Diagnostics.Stopwatch.StartNew();
        var later = new List<Guid>();
        while (held.Elapsed < TimeSpan.FromSeconds(10))
        {
            later.Add((await api.SubmitAsync()).InquiryId);
            await Task.Delay(500);
        }

        Assert.Equal(2, await api.QueueVersionAsync(slow.InquiryId));
        Assert.DoesNotContain(api.PublishedOf<Contracts.InquiryAnswered>(), m => m.InquiryId == slow.InquiryId);
        await transaction.CommitAsync();

        await Eventually.TrueAsync(async () => await api.QueueVersionAsync(slow.InquiryId) == 3, "the projection to apply the late reply");
        var answered = await Eventually.ReturnsAsync(
            () => Task.FromResult(api.PublishedOf<Contracts.InquiryAnswered>().Where(m => m.InquiryId == slow.InquiryId).ToArray()),
            m => m.Length > 0,
            "the late reply on the broker");
        Assert.Equal(replyId, Assert.Single(answered).ReplyId);
        await Eventually.TrueAsync(
            () => Task.FromResult(later.All(id => api.PublishedOf<Contracts.InquirySubmitted>().Any(m => m.InquiryId == id))),
            "the later submissions on the broker");
        foreach (var id in later)
        {
            await Eventually.TrueAsync(async () => await api.QueueVersionAsync(id) == 2, $"the projection to apply later submission {id}");
        }
    }

    [Fact]
    public async Task A_rolled_back_append_is_passed_over()
    {
        var abandoned = await api.SubmitAsync();
        await Eventually.TrueAsync(async () => await api.QueueVersionAsync(abandoned.InquiryId) == 2, "the inquiry to be projected");

        await using (var connection = await api.Database.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await api.AppendReplyAsync(transaction, abandoned.InquiryId, expectedVersion: 2, "취소될 답변");
            await transaction.RollbackAsync();
        }

        var after = await api.SubmitAsync();

        await Eventually.TrueAsync(
            () => Task.FromResult(api.PublishedOf<Contracts.InquirySubmitted>().Any(m => m.InquiryId == after.InquiryId)),
            "the submission after the gap on the broker", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => await api.QueueVersionAsync(after.InquiryId) == 2, "the projection past the gap", TimeSpan.FromSeconds(30));
        Assert.Equal(2, await api.QueueVersionAsync(abandoned.InquiryId));
        Assert.DoesNotContain(api.PublishedOf<Contracts.InquiryAnswered>(), m => m.InquiryId == abandoned.InquiryId);
    }
}
