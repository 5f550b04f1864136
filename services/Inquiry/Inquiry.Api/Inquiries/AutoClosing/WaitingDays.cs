namespace SupportPlatform.Inquiry.Inquiries.AutoClosing;

/// <summary>
/// How the days a customer is waited on are counted. Auto-close asks only this, so that the
/// business calendar of the due-times work (Korean public holidays, weekends) can replace
/// <see cref="CalendarDays"/> by registering itself as this interface.
/// </summary>
public interface IWaitingDays
{
    /// <summary>The moment <paramref name="days"/> days after <paramref name="from"/>.</summary>
    DateTimeOffset After(DateTimeOffset from, int days);
}

/// <summary>Plain days of 24 hours, weekends and holidays included (until a business calendar is registered).</summary>
public sealed class CalendarDays : IWaitingDays
{
    public DateTimeOffset After(DateTimeOffset from, int days) => from.AddDays(days);
}
