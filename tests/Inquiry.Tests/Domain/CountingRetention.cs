using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Retention;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Domain.Samples;

namespace SupportPlatform.Inquiry.Tests.Domain;

public sealed class CountingRetention
{
    [Theory]
    [InlineData("2026-01-05T09:00:00Z", "P3Y", "2029-01-05T09:00:00Z")]
    [InlineData("2028-02-29T00:00:00Z", "P3Y", "2031-02-28T00:00:00Z")]
    [InlineData("2026-01-31T00:00:00Z", "P1M", "2026-02-28T00:00:00Z")]
    [InlineData("2026-01-05T00:00:00Z", "P1Y6M10D", "2027-07-15T00:00:00Z")]
    public void Periods_follow_the_calendar(string start, string period, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            RetentionPeriod.AddTo(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period));

    [Theory]
    [InlineData("3Y")]
    [InlineData("P")]
    [InlineData("PT3H")]
    [InlineData("P-3Y")]
    public void Anything_but_a_date_period_is_refused(string period) =>
        Assert.Throws<FormatException>(() => RetentionPeriod.AddTo(SubmittedAt, period));

    [Fact]
    public void Only_conversation_and_closing_move_the_clock()
    {
        Assert.Equal(Later(1), RetentionIndexProjection.BusinessActivityAt(new AgentReplied(InquiryId, Guid.NewGuid(), Text, Agent.Id, Agent.Name, Later(1))));
        Assert.Equal(Later(2), RetentionIndexProjection.BusinessActivityAt(new CustomerReplied(InquiryId, Guid.NewGuid(), Text, Later(2))));
        Assert.Equal(Later(3), RetentionIndexProjection.BusinessActivityAt(new InquiryClosed(InquiryId, Agent.Id, Agent.Name, Later(3))));
        Assert.Null(RetentionIndexProjection.BusinessActivityAt(new InternalNoteAdded(InquiryId, Guid.NewGuid(), Text, Agent.Id, Agent.Name, Later(4))));
        Assert.Null(RetentionIndexProjection.BusinessActivityAt(new InquiryAssigned(InquiryId, Agent.Id, Agent.Name, Agent.Id, Later(5))));
    }
}
