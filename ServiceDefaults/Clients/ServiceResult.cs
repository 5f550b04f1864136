using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SupportPlatform.ServiceDefaults.Clients;

/// <summary>
/// What a call to one of the platform's HTTP APIs gave a page: the value (and its ETag), or the
/// problem it answered. The one result type of every service client that shows its outcome to a
/// person (the desk's backends, the Lounge's APIs). Message consumers use typed clients that answer
/// null for "gone" and throw for "try again" instead, because that is what their retry needs
/// (<c>InternalInquiryApi</c>).
/// </summary>
public sealed record ServiceResult<T>(T? Value, HttpStatusCode Status, string? ETag, ServiceProblem? Problem)
{
    public bool Succeeded => Problem is null;

    /// <summary>Reads a response: its value on success (none for 202/204 or an empty body), else its problem details.</summary>
    public static async Task<ServiceResult<T>> ReadAsync(HttpResponseMessage response, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var etag = response.Headers.ETag?.Tag;
        if (!response.IsSuccessStatusCode)
        {
            return new(default, response.StatusCode, etag, await ServiceProblem.ReadAsync(response, cancellationToken));
        }

        if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return new(default, response.StatusCode, etag, null);
        }

        return new(await response.Content.ReadFromJsonAsync<T>(json, cancellationToken), response.StatusCode, etag, null);
    }

    /// <summary>A service that could not be reached (refused, reset, timed out) is a 503, so a page shows what it can.</summary>
    public static ServiceResult<T> Unreachable(Uri? service) =>
        new(default, HttpStatusCode.ServiceUnavailable, null, new ServiceProblem(
            HttpStatusCode.ServiceUnavailable,
            $"{service?.Authority} 서비스에 연결할 수 없습니다. (Service unavailable.)",
            null,
            new Dictionary<string, string[]>(),
            null));

    /// <summary>A problem the client finds before sending (e.g. a token no header can carry).</summary>
    public static ServiceResult<T> Failed(HttpStatusCode status, string title) =>
        new(default, status, null, new ServiceProblem(status, title, null, new Dictionary<string, string[]>(), null));
}

/// <summary>An RFC 9457 problem: its per-field <c>errors</c>, and the current version a 412 names.</summary>
public sealed record ServiceProblem(HttpStatusCode Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors, long? CurrentVersion)
{
    /// <summary>The field errors when there are any, else the detail or the title: what a page shows.</summary>
    public string Message => Errors.Count > 0
        ? string.Join(" ", Errors.SelectMany(e => e.Value))
        : Detail ?? Title;

    public static async Task<ServiceProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        string? title = null, detail = null;
        long? currentVersion = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                if (problem.ValueKind == JsonValueKind.Object)
                {
                    title = problem.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    detail = problem.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                    if (problem.TryGetProperty("currentVersion", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var version))
                    {
                        currentVersion = version;
                    }

                    if (problem.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var field in e.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.Array))
                        {
                            errors[field.Name] = [.. field.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : m.ToString())];
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not a problem document after all (e.g. a proxy's error page): the status says enough.
            }
        }

        return new(response.StatusCode, title ?? response.ReasonPhrase ?? response.StatusCode.ToString(), detail, errors, currentVersion);
    }
}
