using Npgsql;
using SupportPlatform.Inquiry.Retention;
using SupportPlatform.Inquiry.Retention.Purging;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Postgres;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Retention;

/// <summary>
/// The retention job runs on the one replica that holds its leadership lock. Here "another
/// replica" is a session of the test's own that takes the lock before the service's first tick.
/// </summary>
public sealed class TakingOverTheRetentionJob(InquiryApiWithRetentionJob api) : IClassFixture<InquiryApiWithRetentionJob>
{
    private static readonly TimeSpan Poll = InquiryApiWithRetentionJob.LeadershipPoll;

    [Fact]
    public async Task A_replica_purges_only_once_the_leader_of_the_job_is_gone_and_takes_the_job_back_when_its_own_session_is_cut()
    {
        // Unpooled: closing it ends the session, as the death of a replica does.
        await using var otherReplica = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(api.Database.ConnectionString) { Pooling = false }.ConnectionString);
        await otherReplica.OpenAsync();
        Assert.NotNull(await AdvisoryLocks.TryLockSessionAsync(otherReplica, RetentionJob.LeadershipLock));
        var due = await api.SubmitAsync(Requests.Valid("takeover.customer@hanil-mail.co.kr"));
        await api.ProjectedAsync(due.InquiryId);

        api.Service.Time.Advance(ComplianceDesk.PastRetention);
        await WaitForTicksAsync();
        await api.AssertIntactAsync(due.InquiryId);

        // The leader dies: PostgreSQL ends its session, and the lock with it.
        await otherReplica.CloseAsync();
        await Eventually.TrueAsync(async () => await LeadershipSessionsAsync() == 0, "the other replica's session to end");
        api.Service.Time.Advance(Poll);

        await Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.purge_audit WHERE inquiry_id = @id", ("id", due.InquiryId)) == 1,
            "the service to take over the job and purge the inquiry");
        await api.AssertPurgedAsync(due.InquiryId, PurgeReasons.RetentionExpired);
        Assert.Equal(1, await LeadershipSessionsAsync());

        // Its own session cut (a failover of PostgreSQL's connection, an idle timeout): the
        // service notices at its next poll and takes the job back.
        var cut = await api.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_locks WHERE {LeadershipLockIs}) t");
        Assert.Equal(1, cut);
        await Eventually.TrueAsync(async () => await LeadershipSessionsAsync() == 0, "the cut session to end");

        var later = await api.SubmitAsync(Requests.Valid("takeback.customer@hanil-mail.co.kr"));
        await api.ProjectedAsync(later.InquiryId);
        api.Service.Time.Advance(Poll);
        await Eventually.TrueAsync(async () => await LeadershipSessionsAsync() == 1, "the service to take the leadership back");
        api.Service.Time.Advance(ComplianceDesk.PastRetention);
        await Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.purge_audit WHERE inquiry_id = @id", ("id", later.InquiryId)) == 1,
            "the job to purge again after taking the leadership back");
    }

    /// <summary>
    /// The job's lock in this class's database (the other classes' services hold theirs in the
    /// same server); a lock on a bigint key shows in pg_locks as its two 32-bit halves.
    /// </summary>
    private const string LeadershipLockIs =
        "locktype = 'advisory' AND granted AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) " +
        "AND ((classid::bigint << 32) | objid::bigint) = hashtextextended('" + RetentionJob.LeadershipLock + "', 0)";

    private Task<long> LeadershipSessionsAsync() =>
        api.Database.ScalarAsync<long>($"SELECT count(*) FROM pg_locks WHERE {LeadershipLockIs}");

    /// <summary>
    /// The job has looked at the lock on the tick the test's clock caused once a session of the
    /// service has asked for it; there is no event to wait for when it finds the lock taken, so a
    /// short real-time wait lets the tick run (a purge would show long before).
    /// </summary>
    private static Task WaitForTicksAsync() => Task.Delay(TimeSpan.FromSeconds(3));
}
