using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Lounge.MyInquiries;

/// <summary>
/// 내 문의 sends email to whatever address is typed, so each client address may ask only a few
/// times a minute (<c>Lounge:MyInquiriesPermitsPerMinute</c>); the Inquiry API limits it again per address.
/// </summary>
public sealed class MyInquiriesLimiter(IConfiguration configuration)
    : FixedWindowPerKey(configuration.GetValue("Lounge:MyInquiriesPermitsPerMinute", 5), TimeSpan.FromMinutes(1))
{
    public bool TryAcquire(HttpContext context) => TryAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
