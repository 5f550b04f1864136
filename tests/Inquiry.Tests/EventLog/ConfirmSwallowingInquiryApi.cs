using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;

namespace SupportPlatform.Inquiry.Tests.EventLog;

/// <summary>The service reaching its broker through an <see cref="AmqpConfirmSwallower"/> (the test's own listener does not).</summary>
public abstract class ConfirmSwallowingInquiryApi : InquiryApi
{
    public AmqpConfirmSwallower Proxy { get; private set; } = null!;

    /// <summary>The watchdog's <c>EventLog:StallBound</c>.</summary>
    protected abstract TimeSpan StallBound { get; }

    protected override void ConfigureService(ServiceFactory<Program> service)
    {
        Proxy = new AmqpConfirmSwallower(Vhost.ConnectionString);
        service.Settings["ConnectionStrings:rabbitmq"] = Proxy.ConnectionString;
        service.Settings["EventLog:WatchInterval"] = "00:00:00.250";
        service.Settings["EventLog:StallBound"] = StallBound.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
