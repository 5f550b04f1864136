using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Retention.Purging;
using SupportPlatform.Inquiry.Retention.Reporting;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Retention;

public sealed class DecidingWhatToPurge
{
    private static readonly DateTimeOffset Now = new(2029, 1, 6, 0, 0, 0, TimeSpan.Zero);

    private static PurgeCandidate Candidate(DateTimeOffset deadline, bool onHold = false, long streamVersion = 3, long projectedVersion = 3) => new(
        Guid.CreateVersion7(), streamVersion, projectedVersion, deadline.AddYears(-3), deadline.AddYears(-3), deadline, "2024-01", onHold, 0);

    [Fact]
    public void Expiry_purges_what_reached_its_deadline()
    {
        Assert.Null(PurgeEligibility.WhyNot(Candidate(Now), PurgeReasons.RetentionExpired, Now));
        Assert.Null(PurgeEligibility.WhyNot(Candidate(Now.AddDays(-1)), PurgeReasons.RetentionExpired, Now));
        Assert.Equal(PurgeEligibility.NotDue, PurgeEligibility.WhyNot(Candidate(Now.AddTicks(1)), PurgeReasons.RetentionExpired, Now));
    }

    [Fact]
    public void Erasure_ignores_the_deadline()
    {
        Assert.Null(PurgeEligibility.WhyNot(Candidate(Now.AddYears(2)), PurgeReasons.ErasureRequest, Now));
    }

    [Fact]
    public void A_legal_hold_stops_both()
    {
        Assert.Equal(PurgeEligibility.OnLegalHold, PurgeEligibility.WhyNot(Candidate(Now.AddDays(-1), onHold: true), PurgeReasons.RetentionExpired, Now));
        Assert.Equal(PurgeEligibility.OnLegalHold, PurgeEligibility.WhyNot(Candidate(Now.AddDays(-1), onHold: true), PurgeReasons.ErasureRequest, Now));
    }

    [Fact]
    public void An_inquiry_with_events_the_read_model_has_not_seen_is_left_for_later()
    {
        // The unseen event may be a reply (a new deadline) or a hold: neither the deadline nor the flag can be trusted yet.
        Assert.Equal(PurgeEligibility.ChangedMeanwhile, PurgeEligibility.WhyNot(Candidate(Now.AddDays(-1), streamVersion: 4), PurgeReasons.RetentionExpired, Now));
        Assert.Equal(PurgeEligibility.ChangedMeanwhile, PurgeEligibility.WhyNot(Candidate(Now.AddDays(-1), onHold: true, streamVersion: 4), PurgeReasons.ErasureRequest, Now));
    }

    [Theory]
    [InlineData("2028-01-06T00:00:01Z", AgeBands.UnderOneYear)]
    [InlineData("2028-01-06T00:00:00Z", AgeBands.OneToTwoYears)]
    [InlineData("2027-01-06T00:00:00Z", AgeBands.TwoToThreeYears)]
    [InlineData("2026-01-06T00:00:00Z", AgeBands.ThreeYearsOrMore)]
    [InlineData("2020-05-01T00:00:00Z", AgeBands.ThreeYearsOrMore)]
    public void Ages_are_banded_by_calendar_years_since_submission(string submittedAt, string band) =>
        Assert.Equal(band, AgeBands.Of(DateTimeOffset.Parse(submittedAt, System.Globalization.CultureInfo.InvariantCulture), Now));

    [Fact]
    public void The_csv_has_one_header_and_four_columns_per_row()
    {
        var report = new RetentionReport(
            Now,
            [new AgeStatusCount(AgeBands.UnderOneYear, "open", 4), new AgeStatusCount(AgeBands.ThreeYearsOrMore, "closed", 1)],
            new DueForPurge(1, 2, 5),
            3,
            [new PurgedCount("2029-01", PurgeReasons.RetentionExpired, 7)]);

        Assert.Equal(
            "section,group,subgroup,count\r\ninquiries,<1y,open,4\r\ninquiries,>=3y,closed,1\r\ndue-for-purge,overdue,,1\r\n"
            + "due-for-purge,within-30-days,,2\r\ndue-for-purge,within-90-days,,5\r\non-hold,,,3\r\npurged,2029-01,retention-expired,7\r\n",
            RetentionReportCsv.Write(report));
        Assert.Equal("retention-report-20290106T000000Z.csv", RetentionReportCsv.FileName(report));
    }
}
