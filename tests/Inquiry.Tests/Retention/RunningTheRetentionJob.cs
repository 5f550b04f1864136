using SupportPlatform.Inquiry.Retention.Purging;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Retention;

/// <summary>The service with its retention job, which ticks whenever the test moves the service's clock.</summary>
public sealed class InquiryApiWithRetentionJob : InquiryApi
{
    /// <summary>
    /// As long as the pass interval: a fake clock moved three years in one step fires a periodic
    /// timer once per period in between, and the 10 s default would make that millions of times.
    /// </summary>
    public static readonly TimeSpan LeadershipPoll = TimeSpan.FromHours(1);

    protected override bool KeepsRetentionJob => true;

    protected override void ConfigureService(ServiceFactory<Program> service) =>
        service.Settings["Retention:LeadershipPoll"] = LeadershipPoll.ToString();
}

public sealed class RunningTheRetentionJob(InquiryApiWithRetentionJob api) : IClassFixture<InquiryApiWithRetentionJob>
{
    [Fact]
    public async Task The_job_purges_what_falls_due_when_the_clock_passes_the_deadline()
    {
        var due = await api.SubmitAsync(Requests.Valid("job.customer@hanil-mail.co.kr"));
        await api.ProjectedAsync(due.InquiryId);
        api.Service.Time.Advance(TimeSpan.FromDays(30));
        var notYetDue = await api.SubmitAsync(Requests.Valid("job.later@hanil-mail.co.kr"));
        await api.ProjectedAsync(notYetDue.InquiryId);

        // Past the first deadline, not the second: the tick that purges the first one has, at the
        // same "now", looked at the second and left it, so checking it afterwards needs no sleep.
        api.Service.Time.Advance(ComplianceDesk.PastRetention - TimeSpan.FromDays(30));

        await Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.purge_audit WHERE inquiry_id = @id", ("id", due.InquiryId)) == 1,
            "the job to purge the inquiry");
        await api.AssertPurgedAsync(due.InquiryId, PurgeReasons.RetentionExpired);
        await api.AssertIntactAsync(notYetDue.InquiryId);
    }
}
