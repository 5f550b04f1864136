using SupportPlatform.Inquiry.Retention.Purging;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Retention;

/// <summary>The service with its retention job ticking every 200 ms of real time.</summary>
public sealed class InquiryApiWithFastRetention : InquiryApi
{
    protected override TimeSpan RetentionInterval => TimeSpan.FromMilliseconds(200);
}

public sealed class RunningTheRetentionJob(InquiryApiWithFastRetention api) : IClassFixture<InquiryApiWithFastRetention>
{
    [Fact]
    public async Task The_job_purges_what_falls_due_when_the_clock_passes_the_deadline()
    {
        var receipt = await api.SubmitAsync(Requests.Valid("job.customer@hanil-mail.co.kr"));
        await api.ProjectedAsync(receipt.InquiryId);
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        await api.AssertIntactAsync(receipt.InquiryId);

        api.Service.Time.Advance(ComplianceDesk.PastRetention);

        await Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.purge_audit WHERE inquiry_id = @id", ("id", receipt.InquiryId)) == 1,
            "the job to purge the inquiry");
        await api.AssertPurgedAsync(receipt.InquiryId, PurgeReasons.RetentionExpired);
    }
}
