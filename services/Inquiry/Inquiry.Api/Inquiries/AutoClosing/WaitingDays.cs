using SupportPlatform.Inquiry.ServiceLevels;

namespace SupportPlatform.Inquiry.Inquiries.AutoClosing;

/// <summary>How the days a customer is waited on are counted. Auto-close asks only this.</summary>
public interface IWaitingDays
{
    /// <summary>The moment <paramref name="days"/> days after <paramref name="from"/>.</summary>
    DateTimeOffset After(DateTimeOffset from, int days);
}

/// <summary>Business days of the SLA calendar (weekends, Korean public holidays and its closures skipped).</summary>
public sealed class BusinessDays(SlaRulesInForce rules) : IWaitingDays
{
    public DateTimeOffset After(DateTimeOffset from, int days) => rules.Current.Calendar.AddBusinessDays(from, days);
}
