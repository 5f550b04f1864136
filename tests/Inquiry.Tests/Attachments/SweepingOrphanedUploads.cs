using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using SupportPlatform.Inquiry;
using SupportPlatform.Inquiry.Attachments;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Testing;
using Xunit;
using Clock = Microsoft.Extensions.Time.Testing.FakeTimeProvider;

namespace SupportPlatform.Inquiry.Tests.Attachments;

/// <summary>
/// An upload no submission bound (the submission was refused, or never came) is deleted by the
/// sweeper within its lifetime plus one sweep interval — on the sweeper's own timer, driven by a
/// fake clock, not by a test calling the delete.
/// </summary>
public sealed class SweepingOrphanedUploads(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task An_orphaned_upload_is_deleted_after_its_lifetime_and_a_younger_one_is_kept()
    {
        await InquirySchema.MigrateAsync(database.DataSource, NullLogger.Instance);

        var clock = new Clock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var keys = new PersonalDataKeys(new DataKey(RandomNumberGenerator.GetBytes(DataKey.Size)), RandomNumberGenerator.GetBytes(DataKey.Size));
        var store = new AttachmentStore(database.DataSource, keys, clock) { UnboundLifetime = Lifetime };
        var type = FileTypes.Detect("log line\n"u8.ToArray())!;
        var orphan = await store.UploadAsync("refused.log", type, "log line\n"u8.ToArray(), CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(20));
        var younger = await store.UploadAsync("pending.log", type, "log line\n"u8.ToArray(), CancellationToken.None);
        using var sweeper = new UnboundAttachmentSweeper(store, clock, NullLogger<UnboundAttachmentSweeper>.Instance);
        await sweeper.StartAsync(CancellationToken.None);

        // The sweeper starts its timer on a thread of its own: move the clock a sweep at a time, as
        // real time would, until the orphan is gone or its lifetime plus one sweep has passed.
        var deadline = clock.GetUtcNow() - TimeSpan.FromHours(20) + Lifetime + SweepInterval;
        var deleted = false;
        while (!deleted && clock.GetUtcNow() < deadline)
        {
            clock.Advance(SweepInterval);
            deleted = await Eventually.ReturnsAsync(async () => !await ExistsAsync(orphan), gone => gone || clock.GetUtcNow() < deadline, "a sweep", TimeSpan.FromSeconds(5));
        }

        Assert.True(deleted, "the orphaned upload is deleted by the sweeper within its lifetime plus one sweep");
        Assert.True(await ExistsAsync(younger), "an upload younger than its lifetime is kept");
        await sweeper.StopAsync(CancellationToken.None);
    }

    private async Task<bool> ExistsAsync(Guid attachmentId) =>
        await database.ScalarAsync<long>($"SELECT count(*) FROM {InquiryStore.Schema}.attachments WHERE id = @id", ("id", attachmentId)) == 1;
}
