using System.Net;

namespace SupportPlatform.Lounge.Apis;

/// <summary>An API answered 429 to a read the page cannot do without; the site answers its own 429 page.</summary>
public sealed class ApiBusyException(TimeSpan? retryAfter) : Exception("The API is limiting this visitor's requests (429).")
{
    public TimeSpan? RetryAfter { get; } = retryAfter;

    internal static void ThrowIfBusy(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new ApiBusyException(response.Headers.RetryAfter?.Delta
                ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null));
        }
    }
}
