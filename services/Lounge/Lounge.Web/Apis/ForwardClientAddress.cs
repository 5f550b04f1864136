namespace SupportPlatform.Lounge.Apis;

/// <summary>
/// Every visitor reaches the APIs through the Lounge's one address, so the Lounge says whose request
/// it is: X-Forwarded-For carries the visitor's address (as the Lounge sees it), and the APIs, which
/// believe it only from known proxies (ServiceDefaults' ClientAddresses), limit each visitor on
/// their own instead of the whole site in one bucket. Set, not appended: a visitor's own header
/// never reaches the API.
/// </summary>
public sealed class ForwardClientAddress(IHttpContextAccessor contexts) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("X-Forwarded-For");
        if (contexts.HttpContext?.Connection.RemoteIpAddress is { } visitor)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", visitor.ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
